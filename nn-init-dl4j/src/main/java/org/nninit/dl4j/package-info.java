/**
 * nn-init for DeepLearning4J networks: {@link org.nninit.dl4j.NnInit#apply} walks a built network like
 * PyTorch's {@code model.apply(fn)}, handing each layer as a {@link org.nninit.dl4j.TorchModule} with PyTorch-named,
 * PyTorch-layout parameter views; {@link org.nninit.dl4j.TorchDefaults} gives a network the initial weights of
 * the equivalent PyTorch model; {@link org.nninit.dl4j.Select} picks layers; {@link org.nninit.dl4j.LayerKind} is
 * the catalogue of what each DL4J layer is in PyTorch terms (module, parameter names and layouts, module default,
 * phantom draws).
 *
 * <pre>{@code
 * NnInit.apply(net, Select.type(DenseLayer.class), m -> Init.xavierUniform(m.weight()));
 * TorchDefaults.reset(net, new TorchGenerator(0));
 * }</pre>
 */
package org.nninit.dl4j;
