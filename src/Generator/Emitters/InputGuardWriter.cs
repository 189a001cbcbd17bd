namespace Segment.Generator.Emitters;

/// <summary>
/// The input contract of the U2-Net and UNet modules (any size from a minimum, or one fixed size): its text for the
/// docs, and the <c>InputGuard.Check</c> line that opens their forward.
/// </summary>
internal static class InputGuardWriter
{
    public static string InputText(int inputChannels, int? fixedHeight, int? fixedWidth, int minimumSize) => fixedHeight is int h
        ? $"[N, {inputChannels}, {h}, {fixedWidth}]"
        : $"[N, {inputChannels}, H, W] with H, W >= {minimumSize}";

    public static string Check(string cliName, int inputChannels, int? fixedHeight, int? fixedWidth, int minimumSize)
    {
        string height = fixedHeight?.ToString() ?? "null";
        string width = fixedWidth?.ToString() ?? "null";
        return $"{RuntimeApi.InputGuard}.Check(input, \"{cliName}\", channels: {inputChannels}, minimumSize: {minimumSize}, height: {height}, width: {width});";
    }
}
