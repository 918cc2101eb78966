using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>Waits for an account's events as the grains publish them (a real signal, with a generous cap).</summary>
public static class AccountSignals
{
    /// <summary>Completes when an event of the account after <paramref name="afterSequence"/> matches.</summary>
    public static async Task<AccountEvent> WaitForAsync(ApiServer server, string operatorId, string trader, Func<AccountEvent, bool> match, long afterSequence = 0)
    {
        var hub = server.Services.GetRequiredService<IAccountEventHub>();
        using var subscription = hub.Subscribe(GrainKeys.Account(operatorId, trader), afterSequence);
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in subscription.Reader.ReadAllAsync(cap.Token))
        {
            if (match(e))
            {
                return e;
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }
}
