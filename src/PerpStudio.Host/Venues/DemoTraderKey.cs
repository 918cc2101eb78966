using PerpStudio.Ethereum;

namespace PerpStudio.Host.Venues;

/// <summary>The demo trader's wallet key: configured, or a fixed development key (never a real wallet).</summary>
public static class DemoTraderKey
{
    /// <summary>A well-known development key; its address holds nothing anywhere.</summary>
    public const string Development = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /// <summary>True when <paramref name="hex"/> is a usable private key.</summary>
    public static bool IsValid(string hex)
    {
        try
        {
            _ = PrivateKey.FromHex(hex);
            return hex.Length == 66;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The key to use.</summary>
    public static PrivateKey Resolve(string configured) => PrivateKey.FromHex(configured.Length > 0 ? configured : Development);
}
