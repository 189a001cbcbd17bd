// The command line runs the generated networks on TorchSharp.
global using TorchSharp;
global using static TorchSharp.torch;
global using F = TorchSharp.torch.nn.functional;
