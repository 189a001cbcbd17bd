// Tests are written on TorchSharp's tensors and modules, as the runtime is.
global using TorchSharp;
global using static TorchSharp.torch;
global using F = TorchSharp.torch.nn.functional;
