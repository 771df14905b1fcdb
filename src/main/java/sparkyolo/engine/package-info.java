/**
 * The tensor engine: DJL's PyTorch engine started offline with a fixed thread count and the chosen
 * libtorch ({@code --torch-lib}), autograd on libtorch's per-thread grad mode, constants that autograd
 * keeps alive, and bulk copies between tensors and Java vectors ({@link sparkyolo.engine.TensorVectors}).
 */
package sparkyolo.engine;
