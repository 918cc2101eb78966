namespace PerpStudio.Ethereum.Eip712;

/// <summary>
/// A complete EIP-712 request, as <c>eth_signTypedData_v4</c> carries it: struct types, the primary type, the domain and
/// the message. Values are .NET objects: string, BigInteger/long/int (or decimal/0x strings), bool, byte[] (or 0x hex),
/// <see cref="EthereumAddress"/> (or address strings), lists (IList) and IReadOnlyDictionary&lt;string, object?&gt;.
/// </summary>
public sealed class TypedData
{
    /// <summary>The name of the domain struct type.</summary>
    public const string DomainTypeName = "EIP712Domain";

    /// <summary>Creates and validates typed data. When <paramref name="types"/> lacks EIP712Domain, it is inferred from the domain's members.</summary>
    /// <exception cref="TypedDataException">Unknown types, an unknown primary type, or a domain member EIP-712 does not define.</exception>
    public TypedData(
        IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types,
        string primaryType,
        IReadOnlyDictionary<string, object?> domain,
        IReadOnlyDictionary<string, object?> message)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(primaryType);
        Domain = domain ?? throw new ArgumentNullException(nameof(domain));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        if (!types.ContainsKey(DomainTypeName))
        {
            var withDomain = new Dictionary<string, IReadOnlyList<TypedDataField>>(types, StringComparer.Ordinal)
            {
                [DomainTypeName] = Eip712Digest.InferDomainFields(domain),
            };
            types = withDomain;
        }

        if (!types.ContainsKey(primaryType))
        {
            throw new TypedDataException("primaryType", $"'{primaryType}' is not one of the declared types");
        }

        Types = types;
        PrimaryType = primaryType;
        Schema = TypedDataSchema.Create(types);
    }

    /// <summary>The struct types, including EIP712Domain.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types { get; }

    /// <summary>The type of <see cref="Message"/>.</summary>
    public string PrimaryType { get; }

    /// <summary>The domain values.</summary>
    public IReadOnlyDictionary<string, object?> Domain { get; }

    /// <summary>The message values.</summary>
    public IReadOnlyDictionary<string, object?> Message { get; }

    /// <summary>The compiled types.</summary>
    public TypedDataSchema Schema { get; }

    /// <summary>Reads the JSON wallets take for <c>eth_signTypedData_v4</c> (types, primaryType, domain, message).</summary>
    /// <exception cref="TypedDataException">The JSON is malformed or misses a member; the path says where.</exception>
    public static TypedData FromJson(string json) => TypedDataJson.Parse(json);

    /// <summary>hashStruct(EIP712Domain, domain).</summary>
    public byte[] DomainSeparator() => Wrap("domain", () => Schema.HashStruct(DomainTypeName, Domain));

    /// <summary>hashStruct(primaryType, message).</summary>
    public byte[] StructHash() => Wrap("message", () => Schema.HashStruct(PrimaryType, Message));

    /// <summary>The digest to sign: keccak256(0x1901 || domainSeparator || structHash).</summary>
    public byte[] Hash() => Eip712Digest.Compute(DomainSeparator(), StructHash());

    /// <summary>Signs the digest as <c>eth_signTypedData_v4</c> does.</summary>
    public EthereumSignature Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignHash(Hash());
    }

    /// <summary>The address that produced <paramref name="signature"/> over this typed data.</summary>
    /// <exception cref="FormatException">The signature does not recover to any key.</exception>
    public EthereumAddress RecoverSigner(EthereumSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return signature.RecoverAddress(Hash());
    }

    private static byte[] Wrap(string root, Func<byte[]> hash)
    {
        try
        {
            return hash();
        }
        catch (TypedDataException e)
        {
            throw e.Within(root);
        }
    }
}
