package sparkyolo.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import sparkyolo.util.PyFormat;

/** XChart charts styled like matplotlib's defaults: white background, framed plot, no grid. */
final class Charts {
    private static final String FONT = Font.SANS_SERIF;

    private Charts() {
    }

    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        matplotlibLook(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        // XChart's default pattern drops the leading zero (".05"); matplotlib writes 0.05.
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> PyFormat.g(v, 4));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> PyFormat.g(v, 4));
        return chart;
    }

    /** Shared look for every axes chart (XY, category, heat map). */
    static void matplotlibLook(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(Color.BLACK);
        styler.setPlotGridLinesVisible(false);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(FONT, Font.PLAIN, 14));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 10));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 10));
        styler.setLegendBorderColor(new Color(0xCCCCCC));
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setAxisTickMarksColor(Color.BLACK);
        styler.setAxisTickLabelsColor(Color.BLACK);
        styler.setChartFontColor(Color.BLACK);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    }

    /** A line series: no markers unless {@code marker} is given. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke stroke,
                         Marker marker) {
        XYSeries series = chart.addSeries(uniqueName(chart, name), x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setMarker(marker == null ? SeriesMarkers.NONE : marker);
        series.setMarkerColor(color);
        return series;
    }

    /** XChart rejects a repeated series name; a trailing space keeps the legend text as it reads. */
    private static String uniqueName(XYChart chart, String name) {
        String unique = name;
        while (chart.getSeriesMap().containsKey(unique)) {
            unique += " ";
        }
        return unique;
    }

    static BasicStroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** matplotlib's ':' line style. */
    static BasicStroke dotted(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                new float[] {width, 1.65f * width}, 0f);
    }

    /**
     * Fixes both axes to [0, 1], as the curve plots do. XChart puts x ticks at the data
     * points when all x values are equally spaced (the 1000 confidence steps would give 0.07207,
     * 0.1441, ...); a hidden point off that spacing makes it pick round ticks instead.
     */
    static void unitAxes(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries offGrid = chart.addSeries("off-grid tick hint", new double[] {1.0 / 3.0}, new double[] {0.0});
        offGrid.setLineStyle(SeriesLines.NONE);
        offGrid.setMarker(SeriesMarkers.NONE);
        offGrid.setShowInLegend(false);
    }
}
