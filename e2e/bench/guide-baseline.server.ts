// The BASELINE: step 2 of Tencent's integration guide ("获取坐席端 SDK URL", the Node.js `/loginTCCC`
// route) as published, run as its own process so that it and the gateway get one process each.
// Kept from the guide: Express, `app.use('/loginTCCC', …)`, hard-coded credentials, SdkAppId and
// SeatUserId (the guide's own placeholder values; the benchmark seeds the emulator with them), a
// new ccc.v20200210 Client per request, CreateSDKLoginToken without OnlyOnce, `{ SdkURL }` answered
// with res.send, and the error branch that logs and never answers.
// Changed, only to run here:
// - `protocol: 'http://'` and `agent` in httpProfile: the one deviation needed to reach the emulator.
//   The agent keeps the real endpoint (Host and signature as for Tencent Cloud) and dials the
//   emulator instead. It is created once and keeps connections alive, as the guide's process does
//   implicitly: with no agent, its requests go through Node's global agent (keep-alive since Node 19).
// - the ccc client is imported from its own module rather than the whole SDK (same class; loading
//   every service only slows the start), and the port comes from the benchmark.
import { createLoopbackAgent } from '@seatgate/ccc-emulator';
import express from 'express';
import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';

const port = Number(process.env.BASELINE_PORT);
const emulatorUrl = process.env.CCC_EMULATOR_URL;
if (!port || !emulatorUrl) throw new Error('BASELINE_PORT and CCC_EMULATOR_URL are required');
const emulatorAgent = createLoopbackAgent(emulatorUrl, { keepAlive: true });

const app = express();
app.use('/loginTCCC', (req, res) => {
  const clientConfig = {
    // secret获取地址: https://console.cloud.tencent.com/cam/capi
    credential: {
      secretId: 'SecretId',
      secretKey: 'SecretKey',
    },
    region: '',
    profile: {
      httpProfile: {
        endpoint: 'ccc.tencentcloudapi.com',
        protocol: 'http://',
        agent: emulatorAgent,
      },
    },
  };
  const client = new CccClient(clientConfig);
  const params = {
    SdkAppId: 1400000000, // 请替换为自己的SdkAppId
    SeatUserId: 'xxx@qq.com', // 替换为坐席账号
  };
  client.CreateSDKLoginToken(params).then(
    (data) => {
      res.send({
        SdkURL: data.SdkURL,
      });
    },
    (err) => {
      console.error('error', err);
    },
  );
});

app.listen(port, '127.0.0.1', () => console.log(`baseline listening on http://127.0.0.1:${port}`));
