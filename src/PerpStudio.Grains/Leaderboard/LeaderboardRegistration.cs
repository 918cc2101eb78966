using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Grains.Events;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Grains.Leaderboard;

/// <summary>Registers the leaderboard grain and puts its feed on the account event hub.</summary>
public static class LeaderboardRegistration
{
    /// <summary>
    /// Adds <see cref="ILeaderboardGrain"/> and, with <paramref name="feedFromHub"/>, wraps the registered
    /// <see cref="IAccountEventHub"/> (call after <c>AddPerpStudioGrains</c>, which registers it) in a
    /// <see cref="LeaderboardHub"/> so every applied fill reaches the leaderboard.
    /// </summary>
    public static GrainRuntimeBuilder AddLeaderboard(this GrainRuntimeBuilder builder, bool feedFromHub = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!feedFromHub)
        {
            return builder.AddGrain<ILeaderboardGrain, LeaderboardGrain>();
        }

        var hub = services.LastOrDefault(d => d.ServiceType == typeof(IAccountEventHub) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("register the account event hub (AddPerpStudioGrains) before the leaderboard");
        services.Remove(hub);
        services.AddSingleton(sp => new LeaderboardFeed(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAccountEventHub>(sp => new LeaderboardHub(Build(hub, sp), sp.GetRequiredService<LeaderboardFeed>()));
        return builder.AddGrain<ILeaderboardGrain, LeaderboardGrain>();
    }

    private static IAccountEventHub Build(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IAccountEventHub)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
