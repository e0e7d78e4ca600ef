async function exitWhenFlushed(code){await Promise.all([process.stdout,process.stderr].map(stream=>new Promise(resolve=>{stream.write("",()=>{resolve()})})));process.exit(code)}export{exitWhenFlushed};
//# sourceMappingURL=exit.js.map
