// Drives the PerpStudio gRPC server with @grpc/grpc-js and prints what it saw as JSON.
// Usage: node interop_client.js <port> <repo root> <non-ASCII status detail>
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const descriptor = require('protobufjs/ext/descriptor');

const [port, repoRoot, nonAsciiDetail] = process.argv.slice(2);
const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

function load(file, includeDir) {
    return grpc.loadPackageDefinition(protoLoader.loadSync(file, { ...loaderOptions, includeDirs: [includeDir] }));
}

const testing = load('interop_test.proto', path.join(repoRoot, 'tests', 'PerpStudio.Grpc.Tests', 'Protos')).perpstudio.testing.v1;
const grpcProtos = path.join(repoRoot, 'protos', 'grpc');
const health = load('grpc/health/v1/health.proto', grpcProtos).grpc.health.v1;
const reflectionV1Alpha = load('grpc/reflection/v1alpha/reflection.proto', grpcProtos).grpc.reflection.v1alpha;
const reflectionV1 = load('grpc/reflection/v1/reflection.proto', grpcProtos).grpc.reflection.v1;

const address = `127.0.0.1:${port}`;
const credentials = grpc.credentials.createInsecure();
const codeName = (code) => Object.keys(grpc.status).find((k) => grpc.status[k] === code);

function unaryCall(client, method, request, options = {}, metadata = new grpc.Metadata()) {
    return new Promise((resolve) => {
        let headers = null;
        const call = client[method](request, metadata, options, (err, reply) => resolve({ err, reply, headers, call }));
        call.on('metadata', (m) => { headers = m; });
    });
}

async function errorOf(client, method, request, options) {
    const { err } = await unaryCall(client, method, request, options);
    return err ? { code: codeName(err.code), details: err.details } : { code: 'OK', details: '' };
}

async function unary(echo) {
    const metadata = new grpc.Metadata();
    metadata.add('x-echo', 'tenant-7');
    metadata.add('x-echo-bin', Buffer.from([0, 1, 2, 250, 255]));
    const trailers = await new Promise((resolve, reject) => {
        let headers = null;
        let reply = null;
        const call = echo.Say({ text: 'hello', payload: Buffer.from([9, 8, 7]) }, metadata, (err, r) => {
            if (err) { reject(err); } else { reply = r; }
        });
        call.on('metadata', (m) => { headers = m; });
        call.on('status', (status) => resolve({ headers, reply, trailers: status.metadata }));
    });
    return {
        text: trailers.reply.text,
        payload: Buffer.from(trailers.reply.payload).toString('hex'),
        header: trailers.headers.get('x-echo-header')[0],
        trailer: trailers.trailers.get('x-echo-trailer')[0],
        bin_trailer: Buffer.from(trailers.trailers.get('x-echo-bin')[0]).toString('hex'),
    };
}

function collectStream(call) {
    return new Promise((resolve, reject) => {
        const items = [];
        call.on('data', (d) => items.push(d));
        call.on('error', reject);
        call.on('end', () => resolve(items));
    });
}

function bidiLockstep(echo, texts) {
    // the next request is written only after the reply to the previous one arrived
    return new Promise((resolve, reject) => {
        const seen = [];
        const call = echo.Chat();
        call.on('data', (reply) => {
            seen.push(reply.text);
            if (seen.length < texts.length) { call.write({ text: texts[seen.length] }); } else { call.end(); }
        });
        call.on('error', reject);
        call.on('end', () => resolve(seen));
        call.write({ text: texts[0] });
    });
}

async function reflection(pkg) {
    const client = new pkg.ServerReflection(address, credentials);
    const requests = [
        { list_services: '' },
        { file_containing_symbol: 'perpstudio.testing.v1.Echo' },
        { file_containing_symbol: 'perpstudio.testing.v1.EchoRequest.text' },
        { file_by_filename: 'grpc/health/v1/health.proto' },
        { file_containing_symbol: 'no.such.Symbol' },
    ];
    const call = client.ServerReflectionInfo();
    const done = collectStream(call);
    requests.forEach((r) => call.write(r));
    call.end();
    const responses = await done;
    client.close();
    const files = (r) => r.file_descriptor_response.file_descriptor_proto.map((b) => descriptor.FileDescriptorProto.decode(b));
    const echoFile = files(responses[1])[0];
    return {
        services: responses[0].list_services_response.service.map((s) => s.name),
        symbol_file: echoFile.name,
        symbol_file_services: echoFile.service.map((s) => s.name),
        symbol_file_methods: echoFile.service[0].method.map((m) => m.name),
        field_file: files(responses[2])[0].name,
        health_file_messages: files(responses[3])[0].messageType.map((m) => m.name),
        missing_error_code: responses[4].error_response.error_code,
    };
}

async function main() {
    const echo = new testing.Echo(address, credentials);
    const gzipEcho = new testing.Echo(address, credentials, { 'grpc.default_compression_algorithm': 2 });
    const out = { unary: await unary(echo) };

    const gz = await unaryCall(gzipEcho, 'Say', { text: 'z'.repeat(10000) });
    if (gz.err) { throw gz.err; }
    out.unary_gzip_length = gz.reply.text.length;
    out.server_stream = (await collectStream(echo.Expand({ text: 'fill', count: 4 }))).map((r) => r.text);
    out.client_stream = await new Promise((resolve, reject) => {
        const call = echo.Collect((err, reply) => (err ? reject(err) : resolve({ count: reply.count, joined: reply.joined })));
        ['a', 'b', 'c'].forEach((text) => call.write({ text }));
        call.end();
    });
    out.bidi = await bidiLockstep(echo, ['x', 'y', 'z']);
    out.error = await errorOf(echo, 'Fail', { code: 9, message: 'margin below maintenance' });
    out.non_ascii_error = await errorOf(echo, 'Fail', { code: 3, message: nonAsciiDetail });
    out.crash = await errorOf(echo, 'Crash', {});
    out.deadline = await errorOf(echo, 'WaitForDeadline', { text: 'node-deadline' }, { deadline: Date.now() + 200 });
    const raw = new grpc.Client(address, credentials);
    out.unimplemented = await new Promise((resolve) => {
        raw.makeUnaryRequest('/perpstudio.testing.v1.Echo/Nope', (x) => x, (x) => x, Buffer.alloc(0),
            (err) => resolve({ code: err ? codeName(err.code) : 'OK', details: err ? err.details : '' }));
    });
    raw.close();

    const healthClient = new health.Health(address, credentials);
    const check = (service) => new Promise((resolve) => healthClient.Check({ service }, (err, r) => resolve(err ? codeName(err.code) : r.status)));
    out.health = { server: await check(''), echo: await check('perpstudio.testing.v1.Echo'), unknown: await check('no.such.Service') };
    healthClient.close();

    out.reflection_v1alpha = await reflection(reflectionV1Alpha);
    out.reflection_v1 = await reflection(reflectionV1);
    echo.close();
    gzipEcho.close();
    process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
});
