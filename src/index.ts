// Entry point of the action (dist/index.js): the only module with a top-level call.
import { run } from './action/run.js'

void run()
