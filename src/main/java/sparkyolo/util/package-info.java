/**
 * Small shared pieces: numpy array files (.npy, .npz), binary16/bfloat16 conversion, numpy's
 * summation order, Python-style number formatting, the version, and the exception of an option whose
 * value cannot be used.
 */
package sparkyolo.util;
