using PerpStudio.Testing;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Hyperliquid.Nonces;

namespace PerpStudio.Venues.Hyperliquid.Tests.Nonces;

public sealed class NonceSourceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hl-nonces-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Nonces_are_the_clock_in_milliseconds_and_strictly_increase_when_it_stands_still()
    {
        var clock = new ManualTimeProvider();
        var source = new NonceSource(clock, new InMemoryNonceStore());
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();

        var a = source.Next();
        var b = source.Next();
        clock.Advance(TimeSpan.FromSeconds(1));
        var c = source.Next();

        a.ShouldBe(now);
        b.ShouldBe(now + 1);
        c.ShouldBe(now + 1000);
    }

    [Fact]
    public void Concurrent_callers_get_distinct_nonces()
    {
        var source = new NonceSource(new ManualTimeProvider(), new InMemoryNonceStore());
        var nonces = new long[8][];

        Parallel.For(0, 8, i => nonces[i] = Enumerable.Range(0, 5_000).Select(_ => source.Next()).ToArray());

        var all = nonces.SelectMany(n => n).ToList();
        all.Distinct().Count().ShouldBe(all.Count);
        nonces.ShouldAllBe(n => n.SequenceEqual(n.Order()));
    }

    [Fact]
    public void A_restart_on_the_same_store_never_reuses_a_nonce_even_when_the_clock_went_back()
    {
        var path = Path.Combine(_folder, "agent.nonce");
        var clock = new ManualTimeProvider();
        var first = new NonceSource(clock, new FileNonceStore(path));
        var used = Enumerable.Range(0, 50).Select(_ => first.Next()).ToList();

        // a new process whose clock reads earlier (NTP step back) starts above everything reserved
        var restarted = new NonceSource(new ManualTimeProvider(clock.GetUtcNow() - TimeSpan.FromMinutes(5)), new FileNonceStore(path));
        var next = restarted.Next();

        next.ShouldBeGreaterThan(used.Max());
        new FileNonceStore(path).Load()!.Value.ShouldBeGreaterThanOrEqualTo(next);
    }

    [Fact]
    public void The_store_is_written_once_per_reserved_block_not_per_nonce()
    {
        var clock = new ManualTimeProvider();
        var store = new CountingStore();
        var source = new NonceSource(clock, store, TimeSpan.FromSeconds(10));

        for (var i = 0; i < 100; i++)
        {
            source.Next();
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        // 100 nonces over 5 seconds fall inside one 10-second block
        store.Saves.ShouldBe(1);
    }

    [Fact]
    public void Nonces_refuse_to_run_further_ahead_of_the_clock_than_the_venue_accepts()
    {
        var clock = new ManualTimeProvider();
        var store = new InMemoryNonceStore();
        store.Save(clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)TimeSpan.FromDays(1).TotalMilliseconds);
        var source = new NonceSource(clock, store);

        Should.Throw<InvalidOperationException>(() => source.Next()).Message.ShouldContain("ahead of the clock");
    }

    [Fact]
    public void A_corrupt_store_is_refused_rather_than_restarting_from_zero()
    {
        var path = Path.Combine(_folder, "bad.nonce");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(path, "not a number");

        Should.Throw<FormatException>(() => new NonceSource(new ManualTimeProvider(), new FileNonceStore(path)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class CountingStore : INonceStore
    {
        private long? _value;

        public int Saves { get; private set; }

        public long? Load() => _value;

        public void Save(long highWaterMark)
        {
            Saves++;
            _value = highWaterMark;
        }
    }
}
