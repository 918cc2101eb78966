using PerpStudio.Api.Application;
using PerpStudio.Api.Identity;
using PerpStudio.Ethereum;
using PerpStudio.Runtime;

namespace PerpStudio.Host.Demo;

/// <summary>Issues the demo trader's API key: through the operator's key administration, or a configured fixed key.</summary>
public sealed class DemoCredentials(IGrainFactory grains, OperatorAdminService admin, TimeProvider time)
{
    /// <summary>
    /// A fresh read-and-trade key of the trader when <paramref name="configuredKey"/> is empty (listed with the
    /// operator's keys); otherwise the configured key, registered once in the API's key records and kept across
    /// restarts with durable storage.
    /// </summary>
    public async Task<string> IssueTraderKeyAsync(string operatorId, EthereumAddress trader, string configuredKey)
    {
        if (configuredKey.Length == 0)
        {
            var created = await admin.CreateApiKeyAsync(CallerContext.OperatorAdmin(operatorId, "host-demo-seed"), "demo trader", ApiScopes.Read | ApiScopes.Trade, trader);
            return created.Secret;
        }

        var digest = CredentialSecrets.Digest(configuredKey);
        var grain = grains.GetGrain<IApiKeyGrain>(digest);
        if (await grain.GetAsync() is { Revoked: false })
        {
            return configuredKey;
        }

        var record = new ApiKeyRecord(CredentialSecrets.NewId(), operatorId, "demo trader (configured)", ApiScopes.Read | ApiScopes.Trade,
            trader.ToLowerHex(), digest, time.GetUtcNow());
        if (await grain.CreateAsync(record))
        {
            return configuredKey;
        }

        // another member registered it between the read and the create: the same key for the same trader is success
        return await grain.GetAsync() is { Revoked: false } existing && existing.OperatorId == operatorId && existing.Trader == trader.ToLowerHex()
            ? configuredKey
            : throw new InvalidOperationException("the configured demo API key could not be registered: a key with the same digest exists");
    }
}
