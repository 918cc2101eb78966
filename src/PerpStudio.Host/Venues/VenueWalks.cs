using Microsoft.Extensions.Hosting;

namespace PerpStudio.Host.Venues;

/// <summary>Starts the simulated venues' price walks with the host (and stops them with it).</summary>
public sealed class VenueWalks(VenueFleet fleet) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        fleet.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await fleet.DisposeAsync();
}
