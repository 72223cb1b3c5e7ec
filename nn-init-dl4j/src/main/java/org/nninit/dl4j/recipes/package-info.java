/**
 * One-call initialization recipes over whole networks (PyTorch defaults, ResNet, transformer, DCGAN), built
 * on {@link org.nninit.dl4j.NnInit}.
 *
 * <pre>{@code
 * Recipes.resnet(graph, true, null);
 * }</pre>
 */
package org.nninit.dl4j.recipes;
