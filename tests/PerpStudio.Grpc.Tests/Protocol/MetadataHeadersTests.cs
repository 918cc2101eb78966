using Microsoft.Extensions.Primitives;
using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Tests.Protocol;

public sealed class MetadataHeadersTests
{
    [Fact]
    public void Header_names_in_title_case_become_lower_case_keys_and_protocol_headers_are_left_out()
    {
        var metadata = new Metadata();
        (string Name, StringValues Values)[] received =
        [
            ("Content-Type", "application/grpc"), ("TE", "trailers"), ("Host", "localhost"), ("grpc-timeout", "5S"),
            ("User-Agent", "grpc-dotnet/test"), ("Authorization", " Bearer abc "), ("X-Custom-Header", "one"), ("x-plain", "two"),
        ];

        foreach (var (name, values) in received)
        {
            MetadataHeaders.TryAdd(metadata, name, values, out var error).ShouldBeTrue(error);
        }

        metadata.Select(e => (e.Key, e.Value)).ShouldBe(
            [("user-agent", "grpc-dotnet/test"), ("authorization", "Bearer abc"), ("x-custom-header", "one"), ("x-plain", "two")]);
    }

    [Fact]
    public void Server_header_values_and_client_header_values_are_read_alike()
    {
        var fromServer = new Metadata();
        var fromClient = new Metadata();
        var values = new StringValues(["a", "b", "caf\u00e9", "c"]);
        var binary = new StringValues(Convert.ToBase64String([1, 2, 3]).TrimEnd('='));

        MetadataHeaders.TryAdd(fromServer, "X-Multi", values, out _).ShouldBeTrue();
        MetadataHeaders.TryAdd(fromClient, "X-Multi", (IEnumerable<string?>)values, out _).ShouldBeTrue();
        MetadataHeaders.TryAdd(fromServer, "X-Data-Bin", binary, out _).ShouldBeTrue();
        MetadataHeaders.TryAdd(fromClient, "X-Data-Bin", (IEnumerable<string?>)binary, out _).ShouldBeTrue();

        // the non-ASCII value is dropped by both, as the spec allows
        fromServer.Select(e => e.ToString()).ShouldBe(fromClient.Select(e => e.ToString()));
        fromServer.GetAll("x-multi").Select(e => e.Value).ShouldBe(["a", "b", "c"]);
        fromServer.GetValueBytes("x-data-bin").ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public void Malformed_base64_in_a_binary_header_is_reported()
    {
        MetadataHeaders.TryAdd(new Metadata(), "x-data-bin", new StringValues("!!!"), out var error).ShouldBeFalse();

        error.ShouldBe("metadata 'x-data-bin' is not valid base64");
    }

    [Fact]
    public void Headers_group_repeated_keys_in_order_of_first_appearance()
    {
        var metadata = new Metadata().Add("b", "1").Add("a", "2").Add("b", "3").Add("c-bin", [255]).Add("a", "4");

        var headers = MetadataHeaders.ToHeaders(metadata);

        headers.Select(h => $"{h.Key}={string.Join('|', h.Value.ToArray())}").ShouldBe(["b=1|3", "a=2|4", "c-bin=/w"]);
        MetadataHeaders.ToHeaders(new Metadata()).ShouldBeEmpty();
    }

    [Fact]
    public void Lookups_ignore_the_case_of_the_key_asked_for()
    {
        var metadata = new Metadata().Add("authorization", "first").Add("x-key", "k").Add("Authorization", "second");

        metadata.GetValue("AUTHORIZATION").ShouldBe("second");
        metadata.GetValue("authorization").ShouldBe("second");
        metadata.Get("X-Key")!.Value.ShouldBe("k");
        metadata.GetValue("x-missing").ShouldBeNull();
        new Metadata().GetValue("authorization").ShouldBeNull();
        new Metadata().Count.ShouldBe(0);
        new Metadata().ShouldBeEmpty();
    }
}
