/**
 * Ports of the random number generators the original YOLOv5 draws from, so that a seed gives the
 * original's draws: the Mersenne Twister ({@link sparkyolo.random.Mt19937}), numpy's legacy
 * {@code RandomState} ({@link sparkyolo.random.NumpyRandomState}), CPython's {@code random}
 * ({@link sparkyolo.random.PythonRandom}), and both seeded as the original's {@code init_seeds}
 * leaves them ({@link sparkyolo.random.GlobalRandom}).
 */
package sparkyolo.random;
