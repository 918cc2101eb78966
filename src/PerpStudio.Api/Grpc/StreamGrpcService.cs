using PerpStudio.Api.Application;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.StreamService over <see cref="AccountStreamService"/>.</summary>
public sealed class StreamGrpcService(AccountStreamService streams)
{
    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(StreamsReflection.Descriptor.Services[0])
            .ServerStreaming<SubscribeAccountEventsRequest, AccountEvent>("SubscribeAccountEvents", SubscribeAsync)
            .Build();

    private async Task SubscribeAsync(SubscribeAccountEventsRequest request, IServerStreamWriter<AccountEvent> stream, ServerCallContext context)
    {
        var caller = context.Caller();
        var after = request.AfterSequence <= long.MaxValue ? (long)request.AfterSequence : long.MaxValue;
        await Streams.UntilCancelledAsync(context, async token =>
        {
            await foreach (var item in streams.SubscribeAsync(caller, after, token))
            {
                await stream.WriteAsync(EventOf(item, caller), token);
            }
        });
    }

    private static AccountEvent EventOf(AccountStreamItem item, CallerContext caller)
    {
        var proto = new AccountEvent { Sequence = (ulong)Math.Max(0, item.Sequence), TimeUnixMs = item.Time.ToUnixTimeMilliseconds() };
        switch (item)
        {
            case OrderItem o:
                proto.Order = ProtoMapper.Order(o.Order);
                break;
            case FillItem f:
                proto.Fill = ProtoMapper.Fill(f.Fill);
                break;
            case PositionItem p:
                proto.Position = ProtoMapper.Position(p.Position);
                break;
            case MarginItem m:
                var summary = ProtoMapper.Summary(m.Summary, caller.Trader?.ToString() ?? string.Empty);
                proto.Margin = new MarginUpdate
                {
                    Equity = summary.Equity,
                    FreeCollateral = summary.FreeCollateral,
                    CrossMarginRatio = summary.CrossMarginRatio,
                    Withdrawable = summary.Withdrawable,
                };
                break;
            default:
                proto.Heartbeat = true;
                break;
        }

        return proto;
    }
}
