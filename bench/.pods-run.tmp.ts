import './dom';
import { benchPods } from './pods.bench';
benchPods().catch((e) => { console.error(e); process.exit(1); });
