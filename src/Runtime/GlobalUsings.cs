// The runtime is written on TorchSharp's tensors, modules and functional API, spelled as PyTorch does.
global using TorchSharp;
global using static TorchSharp.torch;
global using F = TorchSharp.torch.nn.functional;
global using BatchNorm2d = TorchSharp.Modules.BatchNorm2d;
global using Conv2d = TorchSharp.Modules.Conv2d;
global using ConvTranspose2d = TorchSharp.Modules.ConvTranspose2d;
global using Sequential = TorchSharp.Modules.Sequential;
