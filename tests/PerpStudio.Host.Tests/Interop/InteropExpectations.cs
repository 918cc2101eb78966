using System.Text.Json;

namespace PerpStudio.Host.Tests.Interop;

/// <summary>What every real gRPC peer must have seen trading against the host (its JSON report).</summary>
public static class InteropExpectations
{
    /// <summary>Checks the report of the peer that placed <paramref name="clientOrderId"/>.</summary>
    public static void Verify(JsonElement report, string clientOrderId)
    {
        var placed = report.GetProperty("placed");
        placed.TryGetProperty("error", out var error).ShouldBeFalse(error.ToString());
        placed.GetProperty("client_order_id").GetString().ShouldBe(clientOrderId);

        var events = report.GetProperty("events");
        events.TryGetProperty("stream_error", out var streamError).ShouldBeFalse(streamError.ToString());
        events.GetProperty("order").GetBoolean().ShouldBeTrue("the order event was streamed");
        events.GetProperty("fill").GetBoolean().ShouldBeTrue("the fill event was streamed");
        events.GetProperty("fill_venue").GetString().ShouldBeOneOf("sim-a", "sim-b");

        report.GetProperty("deadline").GetProperty("code").GetString().ShouldBe("DEADLINE_EXCEEDED");

        var invalid = report.GetProperty("invalid");
        invalid.GetProperty("code").GetString().ShouldBe("INVALID_ARGUMENT");
        invalid.GetProperty("details").GetString()!.ShouldContain("limit_price");

        report.GetProperty("markets").EnumerateArray().Select(m => m.GetString()).ShouldBe(["BTC-USD", "ETH-USD", "SOL-USD"]);
    }
}
