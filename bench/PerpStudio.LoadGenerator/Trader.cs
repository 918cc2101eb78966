using System.Diagnostics;
using System.Globalization;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc.Client;

namespace PerpStudio.LoadGenerator;

/// <summary>
/// One trader: its own wallet session and demo collateral. It alternates between placing a resting limit order well
/// below the market (so it never fills and keeps margin reserved) and cancelling it; each counts as one operation.
/// </summary>
internal sealed class Trader(int index, PerpStudioClient client, string limitPrice)
{
    private long _sequence;
    private string? _resting;

    /// <summary>True while an operation is in flight (open-loop dispatch skips busy traders).</summary>
    internal int Busy;

    /// <summary>Signs a new wallet in over the shared <paramref name="connection"/> and funds it in demo mode.</summary>
    public static async Task<Trader> JoinAsync(int index, GrpcClient connection, string operatorId, string limitPrice, CancellationToken cancellationToken)
    {
        // traders share the HTTP/2 connections (it opens more as streams fill them); each has its own session
        var client = new PerpStudioClient(connection, PerpStudioCredentials.ForOperator(operatorId), new PerpStudioClientOptions { DefaultTimeout = TimeSpan.FromSeconds(30) });
        await client.SignInWithWalletAsync(PrivateKey.Generate(), cancellationToken: cancellationToken);
        await client.DepositAsync(new DepositRequest { Amount = "1000000", DepositId = $"load-{index}" }, cancellationToken: cancellationToken);
        return new Trader(index, client, limitPrice);
    }

    /// <summary>Places or cancels, records the latency from <paramref name="scheduledAt"/> (open loop) or from the start.</summary>
    public async Task StepAsync(LatencyRecorder recorder, long scheduledAt)
    {
        try
        {
            if (_resting is null)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"t{index}-{++_sequence}");
                await client.PlaceOrderAsync(new PlaceOrderRequest
                {
                    ClientOrderId = id,
                    Market = "BTC-USD",
                    Side = Side.Buy,
                    Type = OrderType.Limit,
                    Size = "0.001",
                    LimitPrice = limitPrice,
                    TimeInForce = TimeInForce.Gtc,
                    MarginMode = MarginMode.Cross,
                    Leverage = 10,
                });
                _resting = id;
            }
            else
            {
                await client.CancelOrderAsync(new CancelOrderRequest { ClientOrderId = _resting });
                _resting = null;
            }

            recorder.Record(Stopwatch.GetTimestamp() - scheduledAt);
        }
        catch (PerpStudio.Grpc.RpcException)
        {
            recorder.Error();
            _resting = null;
        }
    }

    /// <summary>Cancels what rests, so the next phase starts clean.</summary>
    public async Task SettleAsync()
    {
        if (_resting is { } id)
        {
            try
            {
                await client.CancelOrderAsync(new CancelOrderRequest { ClientOrderId = id });
            }
            catch (PerpStudio.Grpc.RpcException)
            {
                // already gone
            }

            _resting = null;
        }
    }
}
