package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.io.HadoopFiles;

class ResultsPlotTest {
    private static final HadoopFiles FILES = HadoopFiles.local();

    @TempDir
    Path dir;

    @Test
    void writesResultsPngBesideTheCsvWithALineInEveryPanel() throws Exception {
        String csv = dir.resolve("exp/results.csv").toString();
        for (int epoch = 0; epoch < 12; epoch++) {
            ResultsCsv.append(FILES, csv, new ResultsCsv.Row(epoch, ResultsCsvTest.ramp(1.0 / (epoch + 1))));
        }
        String png = ResultsPlot.writeFromCsv(FILES, csv);

        assertEquals(dir.resolve("exp/results.png").toString(), Path.of(png.replace("file:", "")).toString());
        BufferedImage image = Images.read(FILES, png);
        assertEquals(ResultsPlot.WIDTH, image.getWidth());
        assertEquals(ResultsPlot.HEIGHT, image.getHeight());
        // 2 x 5 panels, each with the values line (C0 blue) and the smoothed line (C1 orange).
        int cellWidth = image.getWidth() / 5;
        int cellHeight = image.getHeight() / 2;
        for (int panel = 0; panel < 10; panel++) {
            int x0 = (panel % 5) * cellWidth;
            int y0 = (panel / 5) * cellHeight;
            int values = Images.countNear(image, PlotColors.MATPLOTLIB_CYCLE[0], 10, x0, y0, x0 + cellWidth,
                    y0 + cellHeight);
            int smooth = Images.countNear(image, PlotColors.MATPLOTLIB_CYCLE[1], 10, x0, y0, x0 + cellWidth,
                    y0 + cellHeight);
            assertTrue(values > 100, "panel " + panel + " has the values line (" + values + " px)");
            assertTrue(smooth > 50, "panel " + panel + " has the smoothed line (" + smooth + " px)");
        }
    }

    @Test
    void panelsFollowTheOriginalColumnOrder() {
        int[] columns = ResultsPlot.PANEL_COLUMNS;
        assertEquals(List.of("train/box_loss", "train/obj_loss", "train/cls_loss", "metrics/precision",
                "metrics/recall", "val/box_loss", "val/obj_loss", "val/cls_loss", "metrics/mAP_0.5",
                "metrics/mAP_0.5:0.95"), java.util.Arrays.stream(columns).mapToObj(ResultsCsv.COLUMNS::get).toList());
    }

    @Test
    void noRowsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ResultsPlot.render(List.of()));
    }
}
