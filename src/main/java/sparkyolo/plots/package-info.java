/**
 * The charts a run writes, headless (XChart, Java2D): results.png, labels.jpg and its correlogram,
 * training batch mosaics, PR/F1/P/R curves and the confusion matrix.
 */
package sparkyolo.plots;
