using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using PerpStudio.Ethereum;

namespace PerpStudio.Benchmarks.Ethereum;

/// <summary>
/// The signing path PrivateKey used before it moved to its own secp256k1 code (BouncyCastle's GLV curve, comb
/// multiplier, ECDsaSigner with the RFC 6979 HMacDsaKCalculator), kept to compare both under the same machine load.
/// </summary>
[MemoryDiagnoser]
public class BouncyCastleSigningBaseline
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    private readonly byte[] _digest = new byte[32];
    private ECPrivateKeyParameters _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        var input = new byte[32];
        new Random(1).NextBytes(input);
        Keccak256.Hash(input, _digest);
        var domain = new ECDomainParameters(Curve.Curve, Curve.G, Curve.N, Curve.H);
        _key = new ECPrivateKeyParameters(new BigInteger(1, Convert.FromHexString("0123456789012345678901234567890123456789012345678901234567890123")), domain);
        _ = Sign_a_digest_with_BouncyCastle();
    }

    [Benchmark]
    public BigInteger[] Sign_a_digest_with_BouncyCastle()
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _key);
        return signer.GenerateSignature(_digest);
    }
}
