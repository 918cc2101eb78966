// Reads a JSON array of requests on stdin and answers each with what ethers v6 computes, as a JSON array on stdout.
const { Wallet, SigningKey, Signature, TypedDataEncoder, getAddress, hashMessage, recoverAddress, verifyMessage, toUtf8Bytes, getBytes } = require('ethers');

function withoutDomainType(types) {
    const copy = { ...types };
    delete copy.EIP712Domain;
    return copy;
}

async function answer(request) {
    try {
        switch (request.op) {
            case 'key': {
                const key = new SigningKey(request.privateKey);
                const wallet = new Wallet(request.privateKey);
                return { address: wallet.address, signature: key.sign(request.digest).serialized };
            }
            case 'personal': {
                const wallet = new Wallet(request.privateKey);
                const message = request.messageHex !== undefined ? getBytes(request.messageHex) : request.message;
                return { hash: hashMessage(message), signature: await wallet.signMessage(message) };
            }
            case 'recover':
                return { address: recoverAddress(request.digest, request.signature) };
            case 'verifyMessage':
                return { address: verifyMessage(request.message, request.signature) };
            case 'checksum':
                return { address: getAddress(request.address) };
            case 'typed': {
                const types = withoutDomainType(request.types);
                const result = {
                    hash: TypedDataEncoder.hash(request.domain, types, request.message),
                    domainSeparator: TypedDataEncoder.hashDomain(request.domain),
                    structHash: TypedDataEncoder.from(types).hash(request.message),
                    encodeType: TypedDataEncoder.from(types).encodeType(request.primaryType),
                };
                if (request.privateKey) {
                    result.signature = await new Wallet(request.privateKey).signTypedData(request.domain, types, request.message);
                }
                return result;
            }
            default:
                return { error: `unknown op ${request.op}` };
        }
    } catch (e) {
        return { error: String(e.shortMessage || e.message) };
    }
}

async function main() {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const answers = [];
    for (const request of requests) answers.push(await answer(request));
    process.stdout.write(JSON.stringify(answers));
}

main().catch((e) => { console.error(e); process.exit(1); });
