using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Tests.Protocol;

public sealed class GrpcStatusMessageTests
{
    [Theory]
    [InlineData("plain ascii stays", "plain ascii stays")]
    [InlineData("50%", "50%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("€", "%E2%82%AC")]
    public void Encoding_escapes_percent_controls_and_non_ascii_as_utf8_bytes(string detail, string wire) =>
        GrpcStatusMessage.Encode(detail).ShouldBe(wire);

    [Fact]
    public void Any_text_round_trips_and_the_wire_form_is_printable_ascii()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(1, 0xD7FF)).ToArray();
            var detail = new string(chars);
            var wire = GrpcStatusMessage.Encode(detail);
            wire.ShouldAllBe(c => c >= ' ' && c <= '~');
            GrpcStatusMessage.Decode(wire).ShouldBe(detail);
        }
    }

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%4", "%4")]
    [InlineData("%FF", "\uFFFD")]
    public void Broken_sequences_decode_without_throwing(string wire, string expected) =>
        GrpcStatusMessage.Decode(wire).ShouldBe(expected);
}
