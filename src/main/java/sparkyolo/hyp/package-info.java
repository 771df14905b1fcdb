/**
 * Training hyperparameters in the original's hyp YAML format, every key required and range-checked.
 */
package sparkyolo.hyp;
