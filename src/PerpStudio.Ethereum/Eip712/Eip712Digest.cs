namespace PerpStudio.Ethereum.Eip712;

/// <summary>The final EIP-712 digest: keccak256(0x19 0x01 || domainSeparator || hashStruct(message)).</summary>
public static class Eip712Digest
{
    /// <summary>The domain members a domain may carry, in the order EIP-712 lists them (and wallets infer them).</summary>
    public static IReadOnlyList<TypedDataField> StandardDomainFields { get; } =
    [
        new("name", "string"),
        new("version", "string"),
        new("chainId", "uint256"),
        new("verifyingContract", "address"),
        new("salt", "bytes32"),
    ];

    /// <summary>The digest a wallet signs, from a domain separator and a struct hash (32 bytes each).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> structHash)
    {
        var result = new byte[32];
        Compute(domainSeparator, structHash, result);
        return result;
    }

    /// <summary>The digest written into <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> structHash, Span<byte> destination)
    {
        if (domainSeparator.Length != 32 || structHash.Length != 32)
        {
            throw new ArgumentException($"domain separator and struct hash are 32 bytes each, got {domainSeparator.Length} and {structHash.Length}");
        }

        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.CopyTo(buffer[2..]);
        structHash.CopyTo(buffer[34..]);
        Keccak256.Hash(buffer, destination);
    }

    /// <summary>The EIP712Domain members for a domain that came without a declared type, in the standard order.</summary>
    /// <exception cref="TypedDataException">The domain has a member EIP-712 does not define.</exception>
    public static IReadOnlyList<TypedDataField> InferDomainFields(IReadOnlyDictionary<string, object?> domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        foreach (var key in domain.Keys)
        {
            if (!StandardDomainFields.Any(f => f.Name == key))
            {
                throw new TypedDataException($"domain.{key}", "is not an EIP712Domain member (name, version, chainId, verifyingContract, salt)");
            }
        }

        return StandardDomainFields.Where(f => domain.ContainsKey(f.Name)).ToArray();
    }
}
