using System.Text.Json.Nodes;
using PerpStudio.Ethereum.Siwe;

namespace PerpStudio.Ethereum.Tests.Siwe;

public sealed class SiweVerifierTests
{
    private static readonly PrivateKey Key = PrivateKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    private static SiweMessage MessageFor(PrivateKey key) => SiweMessageTests.Full with { Address = key.Address };

    [Fact]
    public void A_correctly_signed_message_inside_its_window_is_accepted()
    {
        var text = MessageFor(Key).ToMessageText();
        var signature = PersonalMessage.Sign(Key, text).ToHex();
        var time = new ManualTime(new DateTimeOffset(2026, 11, 21, 8, 5, 0, TimeSpan.Zero));

        var result = SiweVerifier.Verify(text, signature, time, expectedDomain: "app.example.com:8443", expectedNonce: "a1B2c3D4e5");

        result.IsValid.ShouldBeTrue(result.Error);
        result.Message!.Address.ShouldBe(Key.Address);
    }

    [Fact]
    public void The_time_window_is_judged_at_the_given_instant()
    {
        var text = MessageFor(Key).ToMessageText();
        var signature = PersonalMessage.Sign(Key, text);
        SiweVerifier.Verify(text, signature, new DateTimeOffset(2026, 11, 21, 8, 10, 0, 250, TimeSpan.Zero)).Failure.ShouldBe(SiweFailure.Expired);
        SiweVerifier.Verify(text, signature, new DateTimeOffset(2026, 11, 21, 8, 10, 0, 249, TimeSpan.Zero)).Failure.ShouldBe(SiweFailure.None);
        SiweVerifier.Verify(text, signature, new DateTimeOffset(2026, 11, 21, 7, 58, 59, TimeSpan.Zero)).Failure.ShouldBe(SiweFailure.NotYetValid);
    }

    [Fact]
    public void Another_signer_domain_nonce_or_a_tampered_text_is_refused()
    {
        var text = MessageFor(Key).ToMessageText();
        var signature = PersonalMessage.Sign(Key, text);
        var now = new DateTimeOffset(2026, 11, 21, 8, 5, 0, TimeSpan.Zero);

        SiweVerifier.Verify(text, PersonalMessage.Sign(PrivateKey.Generate(), text), now).Failure.ShouldBe(SiweFailure.SignerMismatch);
        SiweVerifier.Verify(text.Replace("42161", "1", StringComparison.Ordinal), signature, now).Failure.ShouldBe(SiweFailure.SignerMismatch);
        SiweVerifier.Verify(text, signature, now, expectedDomain: "other.example.com").Failure.ShouldBe(SiweFailure.DomainMismatch);
        SiweVerifier.Verify(text, signature, now, expectedNonce: "zzzzzzzz").Failure.ShouldBe(SiweFailure.NonceMismatch);
    }

    [Fact]
    public void Malformed_messages_and_signatures_are_reported_as_such()
    {
        var text = MessageFor(Key).ToMessageText();
        var now = new DateTimeOffset(2026, 11, 21, 8, 5, 0, TimeSpan.Zero);
        var badText = SiweVerifier.Verify("hello", PersonalMessage.Sign(Key, "hello").ToHex(), now);
        badText.Failure.ShouldBe(SiweFailure.MalformedMessage);
        badText.Error.ShouldBe("line 1: expected \"<domain> wants you to sign in with your Ethereum account:\"");

        var shortSignature = SiweVerifier.Verify(text, "0x1234", now);
        shortSignature.Failure.ShouldBe(SiweFailure.MalformedSignature);
        shortSignature.Error!.ShouldContain("65 bytes");
        SiweVerifier.Verify(text, "0xzz", now).Failure.ShouldBe(SiweFailure.MalformedSignature);
    }

    [Fact]
    public async Task Messages_signed_by_ethers_verify_and_ours_recover_in_ethers()
    {
        var random = new Random(4361);
        var cases = Enumerable.Range(0, 40).Select(i =>
        {
            var key = TestKeys.RandomPrivateKeyHex(random);
            var message = MessageFor(PrivateKey.FromHex(key)) with
            {
                Nonce = Convert.ToHexString(TestKeys.RandomBytes(random, 6)),
                Statement = i % 3 == 0 ? null : $"Sign in #{i} to PerpStudio.",
                ChainId = random.Next(1, 100000),
            };
            return (Key: key, Text: message.ToMessageText());
        }).ToList();
        var requests = new JsonArray(cases.Select(c => (JsonNode)new JsonObject { ["op"] = "personal", ["privateKey"] = c.Key, ["message"] = c.Text }).ToArray());

        var answers = await NodeReference.EthersAsync(requests);

        var ours = new JsonArray();
        var now = new DateTimeOffset(2026, 11, 21, 8, 5, 0, TimeSpan.Zero);
        for (var i = 0; i < cases.Count; i++)
        {
            var result = SiweVerifier.Verify(cases[i].Text, NodeReference.Text(answers[i], "signature"), now);
            result.IsValid.ShouldBeTrue(result.Error);
            ours.Add(new JsonObject { ["op"] = "verifyMessage", ["message"] = cases[i].Text, ["signature"] = PersonalMessage.Sign(PrivateKey.FromHex(cases[i].Key), cases[i].Text).ToHex() });
        }

        var recovered = await NodeReference.EthersAsync(ours);
        for (var i = 0; i < cases.Count; i++)
        {
            NodeReference.Text(recovered[i], "address").ShouldBe(SiweMessage.Parse(cases[i].Text).Address.ToString());
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
