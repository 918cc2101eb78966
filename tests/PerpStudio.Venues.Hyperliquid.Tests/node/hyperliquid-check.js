// Signs Hyperliquid actions with independent libraries (@msgpack/msgpack, ethers) for byte-for-byte comparison.
// stdin: [{kind: "l1"|"user", action, nonce, vaultAddress, expiresAfter, mainnet, privateKey, primaryType?, fields?}]
// stdout: [{msgpack, connectionId, signature}]
const { encode } = require("@msgpack/msgpack");
const { keccak256, Wallet, getBytes, hexlify, concat, toBeHex, zeroPadValue } = require("ethers");

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const zero = "0x0000000000000000000000000000000000000000";

async function run(item) {
    const wallet = new Wallet(item.privateKey);
    if (item.kind === "user") {
        const domain = { name: "HyperliquidSignTransaction", version: "1", chainId: BigInt(item.action.signatureChainId), verifyingContract: zero };
        const types = { [item.primaryType]: item.fields };
        const message = {};
        for (const f of item.fields) message[f.name] = item.action[f.name];
        return { msgpack: null, connectionId: null, signature: await wallet.signTypedData(domain, types, message) };
    }
    // every integer in these actions is a safe JS number, which the encoder writes in its smallest form
    const packed = encode(item.action);
    const parts = [packed, zeroPadValue(toBeHex(BigInt(item.nonce)), 8)];
    if (item.vaultAddress) { parts.push("0x01", item.vaultAddress); } else { parts.push("0x00"); }
    if (item.expiresAfter !== null && item.expiresAfter !== undefined) { parts.push("0x00", zeroPadValue(toBeHex(BigInt(item.expiresAfter)), 8)); }
    const connectionId = keccak256(concat(parts));
    const domain = { name: "Exchange", version: "1", chainId: 1337, verifyingContract: zero };
    const types = { Agent: [{ name: "source", type: "string" }, { name: "connectionId", type: "bytes32" }] };
    const signature = await wallet.signTypedData(domain, types, { source: item.mainnet ? "a" : "b", connectionId });
    return { msgpack: hexlify(packed), connectionId, signature };
}

Promise.all(input.map(run)).then((out) => process.stdout.write(JSON.stringify(out)));
