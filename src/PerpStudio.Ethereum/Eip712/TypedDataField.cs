namespace PerpStudio.Ethereum.Eip712;

/// <summary>One member of an EIP-712 struct type: its name and its type text (e.g. <c>uint256</c>, <c>Person[]</c>, <c>bytes32[3]</c>).</summary>
/// <param name="Name">The member name.</param>
/// <param name="Type">The type text as it appears in encodeType.</param>
public sealed record TypedDataField(string Name, string Type);
