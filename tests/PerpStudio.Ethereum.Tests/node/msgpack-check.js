// Reads a JSON array of typed value trees on stdin and prints the hex of @msgpack/msgpack's encoding of each.
// Nodes: {t:"map", v:[[key, node], ...]} (a plain object: it keeps insertion order for keys that do not look like
// array indices, so tests use such keys), {t:"arr", v:[node...]}, {t:"str", v}, {t:"int", v:"decimal"},
// {t:"bool", v}, {t:"nil"}. With useBigInt64 the encoder writes Numbers beyond 32 bits as float64 and BigInts as
// uint64/int64, so integers outside the 32-bit ranges are passed as BigInt (64 bits is then the smallest form).
const { encode } = require('@msgpack/msgpack');

function toValue(node) {
    switch (node.t) {
        case 'map': return Object.fromEntries(node.v.map(([k, v]) => [k, toValue(v)]));
        case 'arr': return node.v.map(toValue);
        case 'str': return node.v;
        case 'bool': return node.v;
        case 'nil': return null;
        case 'int': {
            const big = BigInt(node.v);
            return big >= -0x80000000n && big <= 0xffffffffn ? Number(big) : big;
        }
        default: throw new Error(`unknown node ${node.t}`);
    }
}

async function main() {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const trees = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const out = trees.map((tree) => Buffer.from(encode(toValue(tree), { useBigInt64: true })).toString('hex'));
    process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
