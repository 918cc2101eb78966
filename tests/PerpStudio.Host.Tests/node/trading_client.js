// Trades against a running PerpStudio host with @grpc/grpc-js and prints what it saw as JSON.
// Input on stdin: {"port": 5001, "apiKey": "...", "protoRoot": "/repo/protos"}
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const files = ['trading', 'streams', 'market_data'].map((f) => path.join(input.protoRoot, 'perpstudio', 'v1', `${f}.proto`));
const definition = loader.loadSync(files, { includeDirs: [input.protoRoot], keepCase: true, enums: String, longs: String, defaults: true });
const v1 = grpc.loadPackageDefinition(definition).perpstudio.v1;
const address = `127.0.0.1:${input.port}`;
const credentials = grpc.credentials.createInsecure();
const trading = new v1.TradingService(address, credentials);
const streams = new v1.StreamService(address, credentials);
const marketData = new v1.MarketDataService(address, credentials);
const auth = () => { const m = new grpc.Metadata(); m.add('x-api-key', input.apiKey); return m; };
const within = (ms) => new Date(Date.now() + ms);
const unary = (client, method, request, options = {}) => new Promise((resolve) => {
  client[method](request, auth(), { deadline: within(30000), ...options }, (err, reply) => resolve({ err, reply }));
});

async function main() {
  const report = {};
  const seen = { order: false, fill: false, fill_venue: '' };
  const stream = streams.SubscribeAccountEvents({}, auth());
  const bothSeen = new Promise((resolve) => {
    stream.on('data', (e) => {
      if (e.order && e.order.client_order_id === 'js-1') seen.order = true;
      if (e.fill && e.fill.client_order_id === 'js-1') { seen.fill = true; seen.fill_venue = e.fill.venue; }
      if (seen.order && seen.fill) resolve();
    });
    stream.on('error', (err) => { if (err.code !== grpc.status.CANCELLED) { seen.stream_error = grpc.status[err.code]; resolve(); } });
  });
  await new Promise((resolve) => stream.once('data', resolve));

  const placed = await unary(trading, 'PlaceOrder', {
    client_order_id: 'js-1', market: 'SOL-USD', side: 'SIDE_SELL', type: 'ORDER_TYPE_MARKET',
    size: '3', margin_mode: 'MARGIN_MODE_ISOLATED', leverage: 4,
  });
  report.placed = placed.err ? { error: placed.err.message } : { client_order_id: placed.reply.order.client_order_id, status: placed.reply.order.status };
  await Promise.race([bothSeen, new Promise((r) => setTimeout(r, 30000))]);
  stream.cancel();
  report.events = seen;

  report.deadline = await new Promise((resolve) => {
    const s = streams.SubscribeAccountEvents({}, auth(), { deadline: within(500) });
    s.on('data', () => {});
    s.on('error', (err) => resolve({ code: grpc.status[err.code] }));
    s.on('end', () => resolve({ code: 'OK' }));
  });

  const bad = await unary(trading, 'PlaceOrder', {
    client_order_id: 'js-bad', market: 'BTC-USD', side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', size: '0.01',
    limit_price: '90000.5', time_in_force: 'TIME_IN_FORCE_GTC', margin_mode: 'MARGIN_MODE_CROSS', leverage: 5,
  });
  report.invalid = bad.err
    ? { code: grpc.status[bad.err.code], details: bad.err.details, trailers: bad.err.metadata.getMap() }
    : { code: 'OK' };

  const markets = await unary(marketData, 'ListMarkets', {});
  report.markets = markets.err ? [] : markets.reply.markets.map((m) => m.market).sort();
  process.stdout.write(JSON.stringify(report));
  trading.close(); streams.close(); marketData.close();
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
