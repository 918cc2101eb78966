using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime.Placement;
using PerpStudio.Runtime.Remote;
using PerpStudio.Runtime.Storage;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests.Remote;

/// <summary>Three members in one process, each behind its own Kestrel listener, sharing one in-memory store.</summary>
public sealed class HttpForwardingTests : IAsyncLifetime
{
    private readonly ClusterMember[] _members = new ClusterMember[3];
    private readonly Uri[] _peers = ClusterMember.LoopbackPeers(3);
    private readonly ShardedGrainPlacement _placement = new(3, 0);
    private MemoryGrainStorage? _store;

    public async Task InitializeAsync()
    {
        _store = new MemoryGrainStorage(new GrainStateSerializer(new()));
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m] = await StartMemberAsync(new ClusterMembership(m, _peers, _peers[m].Port));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var member in _members.Where(m => m is not null))
        {
            await member.DisposeAsync();
        }
    }

    [Fact]
    public async Task Calls_through_any_member_run_on_the_grains_owner_and_only_there()
    {
        var keys = Enumerable.Range(0, 30).Select(i => $"op1/trader{i}").ToArray();
        foreach (var key in keys)
        {
            var owner = _placement.GetOwner(new GrainId("counter", key));
            for (var m = 0; m < _members.Length; m++)
            {
                (await _members[m].Grains.GetGrain<IQuoteBookGrain>(key).MemberAsync()).ShouldBe(owner);
                (await _members[m].Grains.GetGrain<ICounterGrain>(key).IncrementAsync()).ShouldBe(m + 1);
            }
        }

        for (var m = 0; m < _members.Length; m++)
        {
            var owned = keys.Count(k => _placement.GetOwner(new GrainId("counter", k)) == m);
            owned.ShouldBeGreaterThan(0);
            _members[m].Runtime.ActivationCount.ShouldBe(2 * owned); // a quote book and a counter per owned key
        }
    }

    [Fact]
    public async Task Arguments_and_results_cross_the_wire_exactly_by_their_declared_types()
    {
        var key = KeyOwnedBy(2);
        var book = _members[0].Grains.GetGrain<IQuoteBookGrain>(key);
        var at = new DateTimeOffset(2026, 11, 21, 9, 30, 0, 123, TimeSpan.FromHours(1));
        var quote = new Quote("BTC-USD", 91_139.2405063291139240506329m, [0.00000001m, 12345678901234567890.123456789m]);

        var receipt = await book.SubmitAsync(quote, at);

        receipt.ShouldBe(new QuoteReceipt("BTC-USD", 12345678901234567890.123456789m + 0.00000001m, 1, at, 2));
        var quotes = await book.QuotesAsync();
        quotes.Count.ShouldBe(1);
        quotes[0].Price.ShouldBe(quote.Price);
        quotes[0].Levels.ShouldBe(quote.Levels);
        (await book.NothingAsync()).ShouldBeNull();
        await book.ClearAsync();
        (await book.QuotesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_grain_exception_comes_back_as_the_same_type_with_the_same_message()
    {
        var book = _members[0].Grains.GetGrain<IQuoteBookGrain>(KeyOwnedBy(1));

        var rejected = await Should.ThrowAsync<InvalidOperationException>(() => book.RejectAsync("market BTC-USD is closed"));
        var required = await Should.ThrowAsync<ArgumentNullException>(() => book.RequireAsync("leverage"));

        rejected.Message.ShouldBe("market BTC-USD is closed");
        required.Message.ShouldBe(new ArgumentNullException("leverage", "leverage is required").Message);
        rejected.StackTrace.ShouldNotBeNull().ShouldContain(nameof(QuoteBookGrain.RejectAsync)); // the owner's frames travel along
        (await book.MemberAsync()).ShouldBe(1); // the activation lives on
    }

    [Fact]
    public async Task An_exception_that_cannot_be_rebuilt_arrives_as_a_RemoteGrainException_naming_its_type()
    {
        var book = _members[0].Grains.GetGrain<IQuoteBookGrain>(KeyOwnedBy(2));

        var halted = await Should.ThrowAsync<RemoteGrainException>(() => book.HaltAsync("sim-a"));

        halted.RemoteExceptionType.ShouldBe($"{typeof(VenueHaltedException).FullName}, {typeof(VenueHaltedException).Assembly.GetName().Name}");
        halted.Message.ShouldBe("sim-a halted since 1970-01-01T00:00:00.0000000+00:00");
    }

    [Fact]
    public async Task A_member_with_a_stale_view_is_refused_and_nothing_runs_on_the_wrong_member()
    {
        // A fourth process that still believes in a two-member cluster [0, 1].
        var stale = await StartMemberAsync(new ClusterMembership(0, [_peers[0], _peers[1]]), own: ClusterMember.LoopbackPeers(1)[0]);
        await using var _ = stale;
        var stalePlacement = new ShardedGrainPlacement(2, 0);
        var key = Enumerable.Range(0, 200).Select(i => $"op2/trader{i}")
            .First(k => stalePlacement.GetOwner(new GrainId("quotebook", k)) == 1 && _placement.GetOwner(new GrainId("quotebook", k)) != 1);
        var before = _members[1].Runtime.ActivationCount;

        var refused = await Should.ThrowAsync<MisdirectedGrainCallException>(
            () => stale.Grains.GetGrain<IQuoteBookGrain>(key).SubmitAsync(new Quote("ETH-USD", 1m, []), DateTimeOffset.UnixEpoch));

        refused.Message.ShouldBe(
            $"member 1 does not own quotebook/{key} (its owner is member {_placement.GetOwner(new GrainId("quotebook", key))}); the sender's membership view is stale");
        _members[1].Runtime.ActivationCount.ShouldBe(before);
        (await _members[1].Grains.GetGrain<IQuoteBookGrain>(key).QuotesAsync()).ShouldBeEmpty(); // the refused call never ran
    }

    [Fact]
    public async Task A_forwarded_call_naming_an_unknown_method_is_refused_with_a_precise_error()
    {
        using var client = new HttpClient();
        var body = """{"grainType":"quotebook","key":"k","method":"Ns.IQuoteBookGrain::CancelAllAsync()","arguments":[]}""";

        using var response = await client.PostAsync(new Uri(_peers[0], "/_grains"), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var exception = outcome.RootElement.GetProperty("exception");
        exception.GetProperty("type").GetString().ShouldBe("System.ArgumentException, System.Private.CoreLib");
        exception.GetProperty("message").GetString().ShouldBe("no registered grain interface has the method Ns.IQuoteBookGrain::CancelAllAsync()");
    }

    [Fact]
    public async Task Forwarded_calls_arriving_on_another_port_than_the_forwarding_port_are_not_served()
    {
        var publicPort = ClusterMember.LoopbackPeers(1)[0];
        await using var member = await StartMemberAsync(new ClusterMembership(0, [_peers[0]], forwardingPort: _peers[0].Port), own: publicPort);
        using var client = new HttpClient();
        var call = new GrainCallCodec(new()).EncodeCall(new GrainCall(
            new GrainId("quotebook", "k"), typeof(IQuoteBookGrain).GetMethod(nameof(IQuoteBookGrain.MemberAsync))!, []));

        using var response = await client.PostAsync(new Uri(publicPort, "/_grains"), new ByteArrayContent(call));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        member.Runtime.ActivationCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_call_for_a_member_that_is_not_listening_yet_is_delivered_once_it_listens()
    {
        var key = KeyOwnedBy(2);
        await _members[2].DisposeAsync();

        // nothing listens on member 2's address: the connection is refused, so nothing was delivered and it is sent again
        var pending = _members[0].Grains.GetGrain<IQuoteBookGrain>(key).MemberAsync();
        _members[2] = await StartMemberAsync(new ClusterMembership(2, _peers, _peers[2].Port));

        (await pending).ShouldBe(2);
        _members[2].Runtime.ActiveGrainIds().ShouldBe([new GrainId("quotebook", key)]);
        _members[0].Runtime.ActiveGrainIds().ShouldBeEmpty();
    }

    private string KeyOwnedBy(int member) =>
        Enumerable.Range(0, 200).Select(i => $"op1/book{i}").First(k => _placement.GetOwner(new GrainId("quotebook", k)) == member);

    private Task<ClusterMember> StartMemberAsync(ClusterMembership membership, Uri? own = null) =>
        ClusterMember.StartAsync(membership, b => b.Services.AddKeyedSingleton<IGrainStorage>("store", _store!), listenOn: own);
}
