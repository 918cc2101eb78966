using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using PerpStudio.Ethereum.Secp256k1;
using static PerpStudio.Ethereum.Tests.Secp256k1.Reference;

namespace PerpStudio.Ethereum.Tests.Secp256k1;

public sealed class EcdsaTests
{
    /// <summary>
    /// Published RFC 6979 vectors for secp256k1 with SHA-256 (private key, message hashed with SHA-256, k, low-s r || s),
    /// as collected in the bitcoinjs / haskoin test suites.
    /// </summary>
    public static TheoryData<string, string, string, string> Rfc6979Vectors => new()
    {
        { "0000000000000000000000000000000000000000000000000000000000000001", "Satoshi Nakamoto", "8f8a276c19f4149656b280621e358cce24f5f52542772691ee69063b74f15d15", "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d82442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5" },
        { "0000000000000000000000000000000000000000000000000000000000000001", "All those moments will be lost in time, like tears in rain. Time to die...", "38aa22d72376b4dbc472e06c3ba403ee0a394da63fc58d88686c611aba98d6b3", "8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21" },
        { "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "Satoshi Nakamoto", "33a19b60e25fb6f4435af53a3d42d493644827367e6453928554f43e49aa6f90", "fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d06b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5" },
        { "f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181", "Alan Turing", "525a82b70e67874398067543fd84c83d30c175fdc45fdeee082fe13b1d7cfdf1", "7063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c58dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea" },
        { "e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2", "There is a computer disease that anybody who works with computers knows about. It's a very serious disease and it interferes completely with the work. The trouble with computers is that you 'play' with them!", "1f4b84c23a86a221d233f2521be018d9318639d5b8bbd6374a8a59232d16ad3d", "b552edd27580141f3b2a5463048cb7cd3e047b97c9f98076c32dbdf85a68718b279fa72dd19bfae05577e06c7c0c1900c371fcd5893f7e1d56a37d30174671f6" },
        { "0000000000000000000000000000000000000000000000000000000000000001", "Everything should be made as simple as possible, but not simpler.", "ec633bd56a5774a0940cb97e27a9e4e51dc94af737596a0c5cbb3d30332d92a5", "33a69cd2065432a30f3d1ce4eb0d59b8ab58c74f27c41a7fdb5696ad4e6108c96f807982866f785d3f6418d24163ddae117b7db4d5fdf0071de069fa54342262" },
        { "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "Equations are more important to me, because politics is for the present, but an equation is something for eternity.", "9dc74cbfd383980fb4ae5d2680acddac9dac956dca65a28c80ac9c847c2374e4", "54c4a33c6423d689378f160a7ff8b61330444abb58fb470f96ea16d99d4a2fed07082304410efa6b2943111b6a4e0aaa7b7db55a07e9861d1fb3cb1f421044a5" },
        { "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "Not only is the Universe stranger than we think, it is stranger than we can think.", "fd27071f01648ebbdd3e1cfbae48facc9fa97edc43bbbc9a7fdc28eae13296f5", "ff466a9f1b7b273e2f4c3ffe032eb2e814121ed18ef84665d0f515360dab3dd06fc95f5132e5ecfdc8e5e6e616cc77151455d46ed48f5589b7db7771a332b283" },
    };

    [Theory]
    [MemberData(nameof(Rfc6979Vectors))]
    public void Nonces_and_signatures_match_the_published_RFC6979_vectors(string privateKey, string message, string k, string signature)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(message));
        Scalar.TryRead(Convert.FromHexString(privateKey), out var d).ShouldBeTrue();

        Span<byte> state = stackalloc byte[64];
        var nonce = new Rfc6979Nonce(state, d, hash);
        var first = nonce.Next();
        nonce.Clear();
        var nonceBytes = new byte[32];
        first.Write(nonceBytes);
        Convert.ToHexStringLower(nonceBytes).ShouldBe(k);
        state.ToArray().ShouldAllBe(b => b == 0, "K and V are wiped");

        Convert.ToHexStringLower(PrivateKey.FromHex("0x" + privateKey).SignHash(hash).ToBytes().AsSpan(0, 64)).ShouldBe(signature);
    }

    [Fact]
    public void Later_nonce_candidates_follow_the_RFC6979_retry_step()
    {
        // Step h.3 reseeds K and V before the next candidate: the second k must equal what BouncyCastle's
        // HMacDsaKCalculator returns after an explicit reseed, reproduced here with plain HMAC-SHA256.
        var hash = SHA256.HashData("retry"u8);
        var key = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000007");
        Scalar.TryRead(key, out var d).ShouldBeTrue();
        Span<byte> state = stackalloc byte[64];
        var nonce = new Rfc6979Nonce(state, d, hash);
        var first = nonce.Next();
        var second = nonce.Next();

        var v = Enumerable.Repeat((byte)1, 32).ToArray();
        var kKey = new byte[32];
        kKey = HMACSHA256.HashData(kKey, Join(v, [0], key, hash));
        v = HMACSHA256.HashData(kKey, v);
        kKey = HMACSHA256.HashData(kKey, Join(v, [1], key, hash));
        v = HMACSHA256.HashData(kKey, v);
        v = HMACSHA256.HashData(kKey, v);
        ToBig(first).ShouldBe(new BigInteger(v, isUnsigned: true, isBigEndian: true));
        kKey = HMACSHA256.HashData(kKey, Join(v, [0]));
        v = HMACSHA256.HashData(kKey, v);
        v = HMACSHA256.HashData(kKey, v);
        ToBig(second).ShouldBe(new BigInteger(v, isUnsigned: true, isBigEndian: true));
    }

    [Fact]
    public void Signatures_match_BouncyCastle_ECDSA_and_recover_to_its_public_key()
    {
        var random = new Random(31);
        for (var i = 0; i < 150; i++)
        {
            var d = i switch { 0 => 1, 1 => N - 1, 2 => N / 2, _ => Below(random, N - 1) + 1 };
            var hash = i switch
            {
                3 => new byte[32],
                4 => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
                5 => Bytes32(N),
                _ => RandomBytes(random),
            };
            var domainKey = new ECPrivateKeyParameters(ToBc(d), Domain);
            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, domainKey);
            var rs = signer.GenerateSignature(hash);
            var r = FromBc(rs[0]);
            var s = FromBc(rs[1]);
            s = s > N / 2 ? N - s : s;

            var key = PrivateKey.FromBytes(Bytes32(d));
            var signature = key.SignHash(hash);
            signature.RInteger.ShouldBe(r, $"case {i}");
            signature.SInteger.ShouldBe(s, $"case {i}");

            var expectedKey = Multiply(d).GetEncoded(false).AsSpan(1).ToArray();
            key.PublicKey.ToBytes().ShouldBe(expectedKey);
            PublicKey.Recover(hash, signature).ToBytes().ShouldBe(expectedKey);

            var verifier = new ECDsaSigner();
            verifier.Init(false, new ECPublicKeyParameters(Multiply(d), Domain));
            verifier.VerifySignature(hash, ToBc(signature.RInteger), ToBc(signature.SInteger)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Signatures_and_recovery_match_ethers_for_edge_and_random_keys_and_digests()
    {
        var random = new Random(32);
        BigInteger[] edgeKeys = [1, 2, 3, N - 1, N - 2, N / 2, (N / 2) + 1, BigInteger.One << 128, (BigInteger.One << 255) + 12345];
        byte[][] edgeDigests = [new byte[32], Enumerable.Repeat((byte)0xFF, 32).ToArray(), Bytes32(N), Bytes32(N - 1), Bytes32(N + 1), Bytes32(1)];
        var cases = new List<(BigInteger Key, byte[] Digest)>();
        foreach (var key in edgeKeys)
        {
            cases.AddRange(edgeDigests.Select(digest => (key, digest)));
        }

        cases.AddRange(Enumerable.Range(0, 250).Select(_ => (Below(random, N - 1) + 1, RandomBytes(random))));
        var signatures = cases.Select(c => PrivateKey.FromBytes(Bytes32(c.Key)).SignHash(c.Digest)).ToList();

        var requests = new JsonArray();
        foreach (var (c, signature) in cases.Zip(signatures))
        {
            requests.Add(new JsonObject { ["op"] = "key", ["privateKey"] = Hex.Encode(Bytes32(c.Key)), ["digest"] = Hex.Encode(c.Digest) });
            requests.Add(new JsonObject { ["op"] = "recover", ["digest"] = Hex.Encode(c.Digest), ["signature"] = signature.ToHex() });
        }

        var answers = await NodeReference.EthersAsync(requests);

        for (var i = 0; i < cases.Count; i++)
        {
            var key = PrivateKey.FromBytes(Bytes32(cases[i].Key));
            key.Address.ToString().ShouldBe(NodeReference.Text(answers[2 * i], "address"), $"case {i}");
            signatures[i].ToHex().ShouldBe(NodeReference.Text(answers[2 * i], "signature"), $"case {i}");
            NodeReference.Text(answers[(2 * i) + 1], "address").ShouldBe(key.Address.ToString(), $"case {i}");
            signatures[i].RecoverAddress(cases[i].Digest).ShouldBe(key.Address, $"case {i}");
        }
    }

    [Fact]
    public void A_signature_for_one_digest_recovers_a_different_key_for_another()
    {
        var key = PrivateKey.FromHex(TestKeys.Cow);
        var digest = Keccak256.Hash("order"u8);
        var signature = key.SignHash(digest);
        PublicKey.Recover(Keccak256.Hash("other"u8), signature).ShouldNotBe(key.PublicKey);
        var flipped = new EthereumSignature(signature.R, signature.S, signature.V == 27 ? 28 : 27);
        PublicKey.Recover(digest, flipped).ShouldNotBe(key.PublicKey);
    }

    [Fact]
    public void The_generator_table_offset_is_a_curve_point_unrelated_to_G()
    {
        var offset = GeneratorTable.OffsetPoint();
        offset.IsOnCurve.ShouldBeTrue();
        offset.ShouldNotBe(AffinePoint.G);
        offset.Y.IsOdd.ShouldBeFalse();
        AffinePoint.G.IsOnCurve.ShouldBeTrue();
    }

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }
}
