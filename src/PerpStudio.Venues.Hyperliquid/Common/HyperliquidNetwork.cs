namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>Which Hyperliquid chain an action is for: it selects the phantom agent's source and the user-signed chain name.</summary>
public enum HyperliquidNetwork
{
    /// <summary>Hyperliquid mainnet (phantom agent source "a", hyperliquidChain "Mainnet").</summary>
    Mainnet,

    /// <summary>Hyperliquid testnet (phantom agent source "b", hyperliquidChain "Testnet").</summary>
    Testnet,
}

/// <summary>What each network is called on the wire.</summary>
public static class HyperliquidNetworkExtensions
{
    /// <summary>The phantom agent's <c>source</c> for L1 actions.</summary>
    public static string PhantomAgentSource(this HyperliquidNetwork network) => network == HyperliquidNetwork.Mainnet ? "a" : "b";

    /// <summary>The <c>hyperliquidChain</c> of user-signed actions.</summary>
    public static string ChainName(this HyperliquidNetwork network) => network == HyperliquidNetwork.Mainnet ? "Mainnet" : "Testnet";
}
