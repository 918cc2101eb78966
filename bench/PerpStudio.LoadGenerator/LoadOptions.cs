using System.Globalization;

namespace PerpStudio.LoadGenerator;

/// <summary>What to run: against which host, how many traders, how long, at which rates.</summary>
public sealed record LoadOptions
{
    /// <summary>The gRPC address of a running host; null starts one in this process.</summary>
    public Uri? Url { get; init; }

    /// <summary>The operator the traders sign in to.</summary>
    public string OperatorId { get; init; } = "demo";

    /// <summary>Concurrent traders, each with its own wallet session and collateral.</summary>
    public int Traders { get; init; } = 200;

    /// <summary>How long each phase measures (after its warm-up).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Warm-up before each phase's measurement.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>An untimed closed-loop run before the first phase, so every phase meets code the JIT has optimised.</summary>
    public TimeSpan Prewarm { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Offered rates (orders per second, place and cancel each count one) of the open-loop phases.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [5_000];

    /// <summary>Run the closed-loop maximum-throughput phase.</summary>
    public bool Max { get; init; } = true;

    /// <summary>Sample allocations by type over the run and print the top types.</summary>
    public bool AllocationTypes { get; init; }

    /// <summary>Parses <c>--url U --traders N --duration S --warmup S --prewarm S --rate R[,R2] --no-max --alloc-types --operator ID</c>.</summary>
    public static LoadOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--url" => o with { Url = new Uri(Next()) },
                "--operator" => o with { OperatorId = Next() },
                "--traders" => o with { Traders = Positive(Next(), "--traders") },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Positive(Next(), "--duration")) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--prewarm" => o with { Prewarm = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--rate" => o with { Rates = [.. Next().Split(',').Select(r => Positive(r, "--rate"))] },
                "--no-rate" => o with { Rates = [] },
                "--no-max" => o with { Max = false },
                "--alloc-types" => o with { AllocationTypes = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"{name} must be a positive integer (was '{text}')");
}
