import * as os from 'os';
import os__default, { EOL } from 'os';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { promises, constants } from 'fs';
import * as path from 'path';
import * as http from 'http';
import * as https from 'https';
import { r as requireTunnel, P as ProxyAgent, h as httpStatus, e as errorHeaders, i as isGitHubLimitError, c as createGitHubTransport, a as createGitHubClient, b as createGraphqlPost, g as graphqlUrl } from './chunks/octokit.js';
import { StringDecoder } from 'string_decoder';
import * as events from 'events';
import * as child from 'child_process';
import 'assert';
import { setTimeout as setTimeout$1 } from 'timers';
import { r as readSharedOptions, A as ACTION_EDGE, a as readOption, O as OPTIONS, n as neutraliseLogMessage, c as createRunClient, b as readIgnoreConfigs, m as mergeIgnoreRules, d as neutraliseLogLine, I as IGNORE_CONFIG_PATHS, e as createSafeLogger } from './chunks/shared.js';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { l as looseObject, s as string, u as union, o as object, f as firstLine, g as getErrorMessage, n as number, b as bigint, C as ConfigurationError, a as boolean, c as array, r as record, t as treeFromReader, S as SYMLINK_MODE, M as MAX_CARGO_FILE_BYTES, d as tooLarge, e as redact, h as unknown, i as isCargoFile, j as redactSecrets, T as TOOL_NAME, k as skippedSummary, m as TOOL_VERSION, p as failedSummary, q as registerSecret, v as COMMENT_MARKER, w as failedRunComment } from './chunks/common.js';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { exitWhenFlushed } from './chunks/exit.js';
import 'node:events';
import 'net';
import 'tls';
import 'util';
import './chunks/_commonjsHelpers.js';

// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}

/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}

// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!fs.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    fs.appendFileSync(filePath, `${toCommandValue(message)}${os.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${os.EOL}${convertedValue}${os.EOL}${delimiter}`;
}

function getProxyUrl$1(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}

var tunnelExports = requireTunnel();

/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter$9 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function getProxyUrl(serverUrl) {
    const proxyUrl = getProxyUrl$1(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter$9(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter$9(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter$9(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter$9(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter$9(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter$9(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter$9(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter$9(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter$9(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl$1(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? https : http;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl$1(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || http.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnelExports.httpsOverHttps : tunnelExports.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnelExports.httpOverHttps : tunnelExports.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new https.Agent(options) : new http.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter$9(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter$9(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter$9(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});

var __awaiter$8 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter$8(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}

var __awaiter$7 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter$7(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter$7(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}

var __awaiter$6 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const { access, appendFile, writeFile } = promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter$6(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, constants.R_OK | constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter$6(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter$6(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary = _summary;

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}

var __awaiter$5 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs.promises;
// export const {open} = 'fs'
const IS_WINDOWS$1 = process.platform === 'win32';
fs.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter$5(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS$1) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter$5(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS$1) {
                // on Windows, test for valid extension
                const upperExt = path.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS$1) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = path.dirname(filePath);
                        const upperName = path.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = path.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS$1) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}

var __awaiter$4 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return __awaiter$4(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS$1) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return __awaiter$4(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS$1 && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(path.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(path.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(path.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(path.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}

var __awaiter$3 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/* eslint-disable @typescript-eslint/unbound-method */
const IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends events.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(os.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + os.EOL.length);
                n = s.indexOf(os.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return __awaiter$3(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = path.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => __awaiter$3(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + os.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = child.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends events.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = setTimeout$1(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}

var __awaiter$2 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return __awaiter$2(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return __awaiter$2(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}

var __awaiter$1 = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const getWindowsInfo = () => __awaiter$1(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => __awaiter$1(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => __awaiter$1(void 0, void 0, void 0, function* () {
    const { stdout } = yield getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = os__default.platform();
const arch = os__default.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return __awaiter$1(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}

var platform$1 = /*#__PURE__*/Object.freeze({
    __proto__: null,
    arch: arch,
    getDetails: getDetails,
    isLinux: isLinux,
    isMacOS: isMacOS,
    isWindows: isWindows,
    platform: platform
});

var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + os.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return __awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return __awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}

var core = /*#__PURE__*/Object.freeze({
    __proto__: null,
    get ExitCode () { return ExitCode; },
    addPath: addPath,
    debug: debug,
    endGroup: endGroup,
    error: error,
    exportVariable: exportVariable,
    getBooleanInput: getBooleanInput,
    getIDToken: getIDToken,
    getInput: getInput,
    getMultilineInput: getMultilineInput,
    getState: getState,
    group: group,
    info: info,
    isDebug: isDebug,
    markdownSummary: markdownSummary,
    notice: notice,
    platform: platform$1,
    saveState: saveState,
    setCommandEcho: setCommandEcho,
    setFailed: setFailed,
    setOutput: setOutput,
    setSecret: setSecret,
    startGroup: startGroup,
    summary: summary,
    toPlatformPath: toPlatformPath,
    toPosixPath: toPosixPath,
    toWin32Path: toWin32Path,
    warning: warning
});

// The one sticky pull-request comment: ours is a marker-bearing comment written by the token's own
// identity, found on a bounded number of pages, updated in place, and after any create re-listed so
// that at most one stays (the oldest). A comment failure is a warning, never a failed job: the job
// summary has the report.
/** The login GITHUB_TOKEN comments as; also the fallback when the identity cannot be learnt. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/**
 * Pages of 100 comments read at most (3,000 comments): an endless or huge list must not cost
 * thousands of requests. Past the cap, a comment of ours may exist unseen, so none is created.
 */
const MAX_COMMENT_PAGES = 30;
const issueComment = looseObject({
    id: union([number(), bigint()]),
    html_url: string(),
    body: string().nullish(),
    user: looseObject({ login: string().min(1) }).nullish()
});
const viewerAnswer = object({
    data: object({ viewer: object({ login: string().min(1) }) })
});
/** How long the identity may take: it runs beside the analysis, but must not hold the comment. */
const IDENTITY_TIMEOUT_MS = 10_000;
/**
 * Who the token comments as. `GET /user` answers 403 to installation tokens (GITHUB_TOKEN, apps);
 * GraphQL `viewer` answers every kind of token (`github-actions[bot]`, `<app>[bot]`, the user).
 * Sent as a plain GraphQL POST (not through Octokit, whose throttling would queue it with the
 * writes and delay the comment). Any failure falls back to `github-actions[bot]`; a create's
 * answer corrects it.
 */
async function learnIdentity(graphql, logger, timeoutMs = IDENTITY_TIMEOUT_MS) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => {
            resolve(null);
        }, timeoutMs);
    });
    try {
        const answer = await Promise.race([graphql('query { viewer { login } }', {}), timeout]);
        if (answer === null) {
            logger.debug(`GraphQL viewer: no answer within ${String(timeoutMs)} ms`);
        }
        else {
            const parsed = viewerAnswer.safeParse(answer.body);
            if (answer.status === 200 && parsed.success)
                return { login: parsed.data.data.viewer.login, from: 'viewer' };
            logger.debug(`GraphQL viewer: HTTP ${String(answer.status)}, no login`);
        }
    }
    catch (error) {
        logger.debug(`GraphQL viewer: ${firstLine(getErrorMessage(error))}`);
    }
    finally {
        clearTimeout(timer);
    }
    return { login: ACTIONS_BOT_LOGIN, from: 'fallback' };
}
/**
 * Starts learning the identity and listing the comments, in parallel, now; upsertComment() awaits
 * both later. A failure is reported there (as a warning), so the early promises must not count as
 * unhandled rejections.
 */
function searchComment(octokit, repo, options) {
    const search = {
        identity: learnIdentity(options.graphql, options.logger),
        listing: listMarked(octokit, repo, options)
    };
    search.listing.catch(() => undefined);
    return search;
}
const ours = (listing, login) => listing.marked.filter((comment) => comment.user?.login === login);
async function upsertComment(octokit, repo, options) {
    const { logger } = options;
    try {
        const [identity, listing] = await Promise.all([options.search.identity, options.search.listing]);
        const mine = ours(listing, identity.login);
        const existing = mine[0] ?? null;
        if (existing === null && !options.wanted) {
            return { action: 'none', url: null, reason: 'nothing to report and no earlier comment' };
        }
        if (existing === null && listing.capped) {
            const reason = `Not posting the pull request comment: the pull request has more than ${String(MAX_COMMENT_PAGES * 100)} comments ` +
                'and an earlier comment of this action may be among those not read; posting could duplicate it. The job summary has the full report.';
            logger.warning(reason);
            return { action: 'failed', url: null, reason };
        }
        const withShortFallback = async (write) => {
            try {
                return await write(options.render(false));
            }
            catch (error) {
                if (httpStatus(error) !== 422 || !/too long/i.test(getErrorMessage(error)))
                    throw error;
                logger.warning('GitHub refused the comment as too long; posting a shortened one');
                return await write(options.render(true));
            }
        };
        if (existing !== null) {
            const updated = await withShortFallback(async (body) => {
                try {
                    return await update(octokit, repo, existing, body);
                }
                catch (error) {
                    // Deleted since it was listed: post it again (below).
                    if (httpStatus(error) === 404)
                        return null;
                    throw error;
                }
            });
            if (updated !== null) {
                await removeExtras(octokit, repo, mine.slice(1), updated, logger);
                return { action: 'updated', url: updated.html_url };
            }
            logger.info('Our earlier comment was deleted meanwhile; posting it again');
        }
        const { created, body } = await withShortFallback(async (text) => ({
            created: await create(octokit, repo, { ...options, identity: identity.login }, text),
            body: text
        }));
        // The create's answer says who we are, whatever the identity look-up said. List again: a run
        // at the same time (or a create whose first answer was lost) may have posted too; the oldest
        // of ours stays, with this run's text, and the others go.
        const login = created.user?.login ?? identity.login;
        const after = await listMarked(octokit, repo, options).catch((error) => {
            logger.warning(`Could not list the comments again after posting: ${firstLine(getErrorMessage(error))}`);
            return null;
        });
        const now = after === null ? [] : ours(after, login);
        const keep = now[0] ?? created;
        let kept = created;
        if (BigInt(keep.id) !== BigInt(created.id))
            kept = await update(octokit, repo, keep, body);
        await removeExtras(octokit, repo, now.filter((comment) => BigInt(comment.id) !== BigInt(keep.id)), kept, logger);
        return { action: kept === created ? 'created' : 'updated', url: kept.html_url };
    }
    catch (error) {
        const reason = describeCommentError(error);
        logger.warning(reason);
        return { action: 'failed', url: null, reason };
    }
}
/**
 * `comment: never` with an earlier comment of ours: it is deleted, so no report that is no longer
 * maintained stays on the pull request. Nothing is done when there is none (or it cannot be told).
 */
async function retireComment(octokit, repo, options) {
    try {
        const [identity, listing] = await Promise.all([options.search.identity, options.search.listing]);
        const mine = ours(listing, identity.login);
        for (const comment of mine)
            await deleteComment(octokit, repo, comment);
        if (mine.length > 0)
            options.logger.info(`comment: never — deleted ${String(mine.length)} earlier comment(s) of this action`);
        return mine.length;
    }
    catch (error) {
        options.logger.warning(`comment: never — could not delete the earlier comment of this action: ${firstLine(getErrorMessage(error))}`);
        return 0;
    }
}
async function listMarked(octokit, repo, options) {
    const marked = [];
    let pages = 0;
    const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: options.number,
        per_page: 100
    });
    for await (const page of iterator) {
        pages += 1;
        for (const raw of page.data) {
            const comment = issueComment.safeParse(raw);
            if (comment.success && comment.data.body?.includes(options.marker) === true)
                marked.push(comment.data);
        }
        const more = /\brel="next"/.test(page.headers.link ?? '');
        if (pages >= MAX_COMMENT_PAGES && more)
            return { marked, capped: true };
    }
    return { marked, capped: false };
}
async function update(octokit, repo, comment, body) {
    const response = await octokit.rest.issues.updateComment({
        ...repo,
        comment_id: Number(comment.id),
        body
    });
    return issueComment.parse(response.data);
}
/**
 * A create is not idempotent: retrying a POST whose answer was lost (5xx, reset) can post twice.
 * Send it without the retry plugin, and after a failure look again before resending once.
 */
async function create(octokit, repo, options, body) {
    const post = async () => {
        const response = await octokit.rest.issues.createComment({
            ...repo,
            issue_number: options.number,
            body,
            request: { retries: 0 }
        });
        return issueComment.parse(response.data);
    };
    try {
        return await post();
    }
    catch (error) {
        const status = httpStatus(error);
        if (status !== null && status < 500 && status !== 429)
            throw error;
        const landed = ours(await listMarked(octokit, repo, options), options.identity)[0];
        if (landed !== undefined)
            return landed;
        options.logger.warning(`Creating the comment failed (${firstLine(getErrorMessage(error))}); trying once more`);
        return await post();
    }
}
async function deleteComment(octokit, repo, comment) {
    try {
        await octokit.rest.issues.deleteComment({ ...repo, comment_id: Number(comment.id) });
    }
    catch (error) {
        if (httpStatus(error) !== 404)
            throw error;
    }
}
/** Duplicates of ours go: deleted, or, when that is refused, emptied of the report and the marker. */
async function removeExtras(octokit, repo, extras, kept, logger) {
    for (const extra of extras) {
        try {
            await deleteComment(octokit, repo, extra);
        }
        catch (error) {
            try {
                await update(octokit, repo, extra, `Superseded by ${kept.html_url}`);
            }
            catch {
                logger.warning(`Could not remove a duplicate comment of this action (${extra.html_url}): ${firstLine(getErrorMessage(error))}`);
            }
        }
    }
}
function describeCommentError(error) {
    const status = httpStatus(error);
    const message = firstLine(getErrorMessage(error));
    // Not a permission problem: GitHub refuses every new comment on a locked conversation.
    if (status === 403 && /\bis locked\b/i.test(message)) {
        return (`Could not write the pull request comment: the conversation is locked (HTTP 403: ${message}). ` +
            'The job summary holds the full report.');
    }
    if (status === 403 && !/rate limit/i.test(message)) {
        const accepted = errorHeaders(error)['x-accepted-github-permissions'];
        return (`Could not write the pull request comment (HTTP 403: ${message}). ` +
            `The token needs \`pull-requests: write\` (or \`issues: write\`)${accepted ? ` [GitHub accepts: ${accepted}]` : ''}. ` +
            'Pull requests from forks get a read-only token under `pull_request`; use `pull_request_target` ' +
            '(safe here: this action reads Cargo files through the API and never runs pull request code). ' +
            'The job summary has the full report.');
    }
    return `Could not write the pull request comment${status === null ? '' : ` (HTTP ${String(status)})`}: ${message}. The job summary has the full report.`;
}

// What the runner tells the action through its environment, validated in one place.
const repository = string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/);
function readRunnerEnvironment(env = process.env) {
    const parsedRepo = repository.safeParse(env.GITHUB_REPOSITORY ?? '');
    if (!parsedRepo.success) {
        throw new ConfigurationError('GITHUB_REPOSITORY is not set to owner/name; is this running in GitHub Actions?');
    }
    const [owner = '', repo = ''] = parsedRepo.data.split('/');
    const eventPath = env.GITHUB_EVENT_PATH ?? '';
    let payload = {};
    if (eventPath !== '' && existsSync(eventPath)) {
        try {
            payload = JSON.parse(readFileSync(eventPath, 'utf8'));
        }
        catch (error) {
            throw new ConfigurationError(`GITHUB_EVENT_PATH ${eventPath} is not valid JSON: ${getErrorMessage(error)}`);
        }
    }
    const serverUrl = (env.GITHUB_SERVER_URL ?? '').replace(/\/+$/, '') || 'https://github.com';
    const runId = env.GITHUB_RUN_ID ?? '';
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        payload,
        repo: { owner, repo },
        apiUrl: (env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || 'https://api.github.com',
        serverUrl,
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        temp: env.RUNNER_TEMP ?? tmpdir(),
        runUrl: /^\d+$/.test(runId) ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : null
    };
}

// Which two revisions to compare, from the workflow event (never GITHUB_SHA: on pull_request it is
// a merge commit, on pull_request_target the default branch's tip).
const sha = string().regex(/^[0-9a-f]{40}$/i);
const pullRequestPayload = looseObject({
    pull_request: looseObject({
        number: number().int().positive(),
        changed_files: number().int().nonnegative().optional(),
        base: looseObject({
            sha,
            repo: looseObject({ full_name: string() }).nullish()
        }),
        head: looseObject({
            sha,
            repo: looseObject({ full_name: string() }).nullish()
        })
    })
});
const mergeGroupPayload = looseObject({
    merge_group: looseObject({ base_sha: sha, head_sha: sha })
});
const ZERO_SHA = /^0{40}$/;
const pushPayload = looseObject({ before: sha, after: sha });
function planEvent({ eventName, payload, baseRef, headRef }) {
    // Explicit refs win for every event: they are how other events (and odd setups) are served.
    if (baseRef !== null || headRef !== null) {
        if (baseRef === null || headRef === null) {
            throw new ConfigurationError('base-ref and head-ref must be given together');
        }
        if (eventName !== 'pull_request' && eventName !== 'pull_request_target') {
            return { kind: 'compare', base: baseRef, head: headRef, why: 'base-ref/head-ref inputs' };
        }
    }
    switch (eventName) {
        case 'pull_request':
        case 'pull_request_target': {
            const parsed = pullRequestPayload.safeParse(payload);
            if (!parsed.success) {
                return {
                    kind: 'skip',
                    reason: `the ${eventName} event payload has no pull_request with base and head SHAs (GitHub leaves it empty in some cases, e.g. for some fork pull requests); nothing was checked`,
                    unknown: true
                };
            }
            const pr = parsed.data.pull_request;
            const headRepo = pr.head.repo?.full_name ?? null;
            const baseRepo = pr.base.repo?.full_name ?? null;
            return {
                kind: 'pull-request',
                number: pr.number,
                base: baseRef ?? pr.base.sha,
                head: headRef ?? pr.head.sha,
                changedFiles: pr.changed_files ?? null,
                fork: headRepo === null || headRepo !== baseRepo
            };
        }
        case 'merge_group': {
            const parsed = mergeGroupPayload.safeParse(payload);
            if (!parsed.success) {
                throw new ConfigurationError('the merge_group payload has no merge_group.base_sha/head_sha; set base-ref and head-ref');
            }
            return {
                kind: 'compare',
                base: parsed.data.merge_group.base_sha,
                head: parsed.data.merge_group.head_sha,
                why: 'merge group'
            };
        }
        case 'push': {
            const parsed = pushPayload.safeParse(payload);
            if (!parsed.success) {
                throw new ConfigurationError('the push payload has no before/after SHAs; set base-ref and head-ref');
            }
            if (ZERO_SHA.test(parsed.data.before)) {
                return {
                    kind: 'skip',
                    reason: 'this push created a branch: there is no previous commit to compare with (set base-ref to compare with a branch)',
                    unknown: true
                };
            }
            if (ZERO_SHA.test(parsed.data.after)) {
                return {
                    kind: 'skip',
                    reason: 'this push deleted a branch; nothing to check',
                    unknown: false
                };
            }
            return { kind: 'compare', base: parsed.data.before, head: parsed.data.after, why: 'push' };
        }
        default:
            throw new ConfigurationError(`the ${eventName || 'unknown'} event carries no base and head revisions: set the base-ref and head-ref inputs`);
    }
}

// FileTrees over GitHub, so the action needs no checkout and never touches PR code. Reads are
// batched: every read asked for in the same tick, at either revision, goes into one GraphQL query
// of aliased `object(expression: "<rev>:<path>")` fields (chunks of CHUNK_SIZE, in parallel).
// Every file is verified against its git blob SHA (GraphQL `oid`, the REST `sha`), and against an
// id from elsewhere: the PR listing's head SHA when known, else the commit's git tree. What GraphQL cannot give (truncated text, a failed alias) is
// re-read over REST; when /graphql refuses, everything is read over REST. A read that fails or
// cannot be verified is an error ("unknown"), never "missing". githubTree() puts the reader behind
// the trees' one contract (trees/tree.ts: path check, link rule, size cap, error format).
/**
 * Objects per GraphQL query. GitHub publishes no limit on aliases; a query that "consumes too many
 * resources" ends with partial results and RESOURCE_LIMITS_EXCEEDED ("Rate limits and query limits
 * for the GraphQL API", docs.github.com), so chunks stay small and every alias is checked.
 */
const GRAPHQL_CHUNK_SIZE = 100;
/** A REST read whose bytes do not match their blob SHA is tried this many times in all. */
const REST_ATTEMPTS = 2;
/** git's blob id: sha1("blob <length>\0" + bytes). */
function gitBlobSha(bytes) {
    return createHash('sha1')
        .update(`blob ${String(bytes.byteLength)}\0`)
        .update(bytes)
        .digest('hex');
}
const blobShape = object({
    oid: string(),
    byteSize: number(),
    isBinary: boolean().nullable(),
    isTruncated: boolean(),
    text: string().nullable()
});
const graphqlError = looseObject({
    type: string().optional(),
    message: string().optional(),
    path: array(union([string(), number()])).optional()
});
const graphqlBody = looseObject({
    data: looseObject({ repository: record(string(), unknown()).nullable().optional() })
        .nullable()
        .optional(),
    errors: array(graphqlError).optional()
});
const contentFile = looseObject({
    type: string(),
    encoding: string().optional(),
    content: string().optional(),
    size: number().optional(),
    sha: string()
});
const blobJson = looseObject({ content: string(), encoding: string(), sha: string() });
const gitTree$1 = looseObject({
    truncated: boolean().optional(),
    tree: array(looseObject({ path: string(), type: string(), sha: string(), mode: string() }))
});
/** Thrown inside a chunk when /graphql cannot be used at all (then everything goes over REST). */
/** Why GraphQL is not used; its text may quote the server, so it is redacted like any error text. */
class GraphqlRefused extends Error {
    constructor(message) {
        super(redact(message));
    }
}
function createGitHubReader(octokit, repo, options) {
    const { logger } = options;
    const chunkSize = options.chunkSize ?? GRAPHQL_CHUNK_SIZE;
    const stats = {
        graphqlFiles: 0,
        graphqlQueries: 0,
        restFiles: 0,
        graphqlRefused: options.graphql === null ? 'no GraphQL client' : null
    };
    const cache = new Map();
    const trees = new Map();
    let pending = [];
    const refuse = (reason) => {
        if (stats.graphqlRefused !== null)
            return;
        stats.graphqlRefused = reason;
        logger.info(`GraphQL is not usable (${reason}); reading Cargo files over REST`);
    };
    const flush = () => {
        const batch = pending;
        pending = [];
        if (stats.graphqlRefused !== null || options.graphql === null) {
            for (const item of batch)
                void restRead(item).then(item.resolve);
            return;
        }
        for (let at = 0; at < batch.length; at += chunkSize) {
            void readChunk(batch.slice(at, at + chunkSize));
        }
    };
    const readChunk = async (chunk) => {
        let answers;
        try {
            answers = await graphqlChunk(chunk);
        }
        catch (error) {
            if (error instanceof GraphqlRefused)
                refuse(error.message);
            else
                refuse(firstLine(getErrorMessage(error)));
            answers = new Map(chunk.map((item) => [item, 'rest']));
        }
        for (const item of chunk) {
            const answer = answers.get(item) ?? 'rest';
            if (answer === 'rest')
                void restRead(item).then(item.resolve);
            else {
                stats.graphqlFiles += 1;
                item.resolve(answer);
            }
        }
    };
    const graphqlChunk = async (chunk) => {
        const post = options.graphql;
        if (post === null)
            throw new GraphqlRefused('no GraphQL client');
        // Paths and revisions travel as variables: nothing a pull request names enters the query text.
        const variables = { owner: repo.owner, name: repo.repo };
        const fields = chunk.map((item, index) => {
            variables[`e${String(index)}`] = `${item.ref}:${item.path}`;
            return `f${String(index)}: object(expression: $e${String(index)}) { ...blob }`;
        });
        const query = `query(${['$owner: String!', '$name: String!', ...chunk.map((_, i) => `$e${String(i)}: String!`)].join(', ')}) {\n` +
            `  repository(owner: $owner, name: $name) {\n    ${fields.join('\n    ')}\n  }\n}\n` +
            'fragment blob on Blob { oid byteSize isBinary isTruncated text }\n';
        stats.graphqlQueries += 1;
        const answer = await post(query, variables);
        if (answer.status !== 200)
            throw new GraphqlRefused(`/graphql answered HTTP ${String(answer.status)}`);
        const body = graphqlBody.safeParse(answer.body);
        if (!body.success)
            throw new GraphqlRefused('/graphql answered something that is not a GraphQL response');
        const errors = body.data.errors ?? [];
        if (errors.some((error) => error.type === 'RATE_LIMITED')) {
            throw new GraphqlRefused('GraphQL rate limit exceeded');
        }
        const repository = body.data.data?.repository;
        if (repository === null || repository === undefined) {
            const first = errors[0]?.message ?? 'no data';
            throw new GraphqlRefused(`GraphQL answered no repository: ${firstLine(first)}`);
        }
        // An error that names an alias fails that alias; one that names none casts doubt on every
        // `null` of the chunk (a resource limit cuts fields without saying which, at worst).
        const failed = new Set();
        let unattributed = false;
        for (const error of errors) {
            const alias = error.path?.[0] === 'repository' ? error.path[1] : undefined;
            if (typeof alias === 'string')
                failed.add(alias);
            else
                unattributed = true;
        }
        const out = new Map();
        chunk.forEach((item, index) => {
            const alias = `f${String(index)}`;
            const value = repository[alias];
            if (failed.has(alias) || value === undefined) {
                out.set(item, 'rest');
            }
            else if (value === null) {
                out.set(item, unattributed ? 'rest' : absent(item, 'GraphQL'));
            }
            else {
                out.set(item, fromBlob(item, value));
            }
        });
        return out;
    };
    const fromBlob = (item, value) => {
        const blob = blobShape.safeParse(value);
        if (!blob.success) {
            // A fragment on Blob that does not match yields {}: a directory, a submodule, a symlink target elsewhere.
            return error('not a regular file');
        }
        const { oid, byteSize, text, isTruncated } = blob.data;
        if (item.hint.sha !== undefined && oid !== item.hint.sha) {
            return error(`blob ${oid} per GraphQL but ${item.hint.sha} per the pull request's file list`);
        }
        if (byteSize > MAX_CARGO_FILE_BYTES)
            return tooLarge(byteSize);
        if (isTruncated) {
            item.blob = oid;
            return 'rest';
        }
        if (text === null) {
            return error('binary or not text (GitHub gives no text for it); not read');
        }
        const bytes = Buffer.from(text, 'utf8');
        // Cut, or decoded with replacement characters: the REST bytes settle it.
        if (bytes.byteLength !== byteSize || gitBlobSha(bytes) !== oid)
            return 'rest';
        item.oid = oid;
        return { kind: 'ok', text };
    };
    const absent = (item, via) => item.hint.exists === true
        ? error(`listed as present, but ${via} answered that it does not exist`)
        : { kind: 'missing' };
    // The trees' error format: what went wrong, without the path (the caller shows it and the side).
    const error = (message) => ({ kind: 'error', message });
    /** Contents JSON (with its `sha`), or the blob for large files; every answer verified. */
    const restRead = async (item) => {
        if (item.hint.probe === true && item.blob === undefined) {
            // A candidate path over REST: the git tree says whether it exists (and its SHA), so a
            // missing parent costs no request of its own.
            const listed = await existsInTree(item.ref, item.path);
            if (listed?.exists === false)
                return { kind: 'missing' };
            if (listed?.sha !== undefined)
                item.hint = { ...item.hint, sha: listed.sha, exists: true };
        }
        stats.restFiles += 1;
        let lastProblem = '';
        for (let attempt = 1; attempt <= REST_ATTEMPTS; attempt += 1) {
            try {
                const got = await restOnce(item);
                if (got.kind !== 'bytes')
                    return got.read;
                if (got.bytes.byteLength > MAX_CARGO_FILE_BYTES)
                    return tooLarge(got.bytes.byteLength);
                const actual = gitBlobSha(got.bytes);
                const expected = item.hint.sha ?? item.blob ?? got.sha;
                if (actual === got.sha && actual === expected) {
                    item.oid = actual;
                    return { kind: 'ok', text: Buffer.from(got.bytes).toString('utf8') };
                }
                lastProblem = `its content (${String(got.bytes.byteLength)} bytes, blob ${actual}) does not match blob ${expected}: a cut or corrupted answer`;
            }
            catch (failure) {
                const status = httpStatus(failure);
                const limit = isGitHubLimitError(failure);
                lastProblem = `could not be fetched (${limit || status === null ? 'no answer' : `HTTP ${String(status)}`}): ${firstLine(getErrorMessage(failure))}`;
                // The plugins already retried what is worth retrying.
                break;
            }
        }
        return error(lastProblem);
    };
    const restOnce = async (item) => {
        if (item.blob !== undefined) {
            try {
                return await blobBytes(item.blob);
            }
            catch (failure) {
                // The contents endpoint has the same bytes (and checks against the same oid).
                logger.debug(`blob ${item.blob} not read (${getErrorMessage(failure)}); trying contents`);
            }
        }
        const knownSha = item.hint.sha;
        let response;
        try {
            response = await octokit.rest.repos.getContent({ ...repo, path: item.path, ref: item.ref });
        }
        catch (failure) {
            const status = httpStatus(failure);
            if (status === 404 && !isGitHubLimitError(failure)) {
                return { kind: 'read', read: absent(item, 'GitHub (HTTP 404)') };
            }
            if (status === 403 && /too_large|too large/i.test(getErrorMessage(failure))) {
                const sha = knownSha ?? (await existsInTree(item.ref, item.path))?.sha;
                if (sha === undefined)
                    throw failure;
                return blobBytes(sha);
            }
            throw failure;
        }
        const file = contentFile.safeParse(response.data);
        if (!file.success || file.data.type !== 'file') {
            return { kind: 'read', read: error('not a regular file') };
        }
        if (file.data.size !== undefined && file.data.size > MAX_CARGO_FILE_BYTES) {
            return { kind: 'read', read: tooLarge(file.data.size) };
        }
        if (file.data.encoding === 'base64' && file.data.content !== undefined) {
            // Buffer skips the newlines GitHub puts every 60 characters.
            return { kind: 'bytes', bytes: Buffer.from(file.data.content, 'base64'), sha: file.data.sha };
        }
        // Over 1 MB the contents JSON has `encoding: "none"`: the blob API has the bytes.
        return blobBytes(file.data.sha);
    };
    const blobBytes = async (sha) => {
        const response = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
        const blob = blobJson.parse(response.data);
        const bytes = blob.encoding === 'base64' ? Buffer.from(blob.content, 'base64') : Buffer.from(blob.content);
        return { kind: 'bytes', bytes, sha: blob.sha };
    };
    const existsInTree = async (ref, path) => {
        let tree = trees.get(ref);
        if (tree === undefined) {
            tree = (async () => {
                try {
                    const response = await octokit.rest.git.getTree({
                        ...repo,
                        tree_sha: ref,
                        recursive: 'true'
                    });
                    const parsed = gitTree$1.parse(response.data);
                    if (parsed.truncated === true)
                        return null;
                    return new Map(parsed.tree
                        .filter((entry) => entry.type === 'blob')
                        .map((entry) => [entry.path, { sha: entry.sha, mode: entry.mode }]));
                }
                catch (failure) {
                    logger.debug(`git tree of ${short(ref)} not listed: ${getErrorMessage(failure)}`);
                    return null;
                }
            })();
            trees.set(ref, tree);
        }
        const blobs = await tree;
        if (blobs === null)
            return null;
        const entry = blobs.get(path);
        return entry === undefined ? { exists: false } : { exists: true, ...entry };
    };
    /**
     * Every object on either side is checked against a git object id that does not come from the
     * answer itself: the pull request's file list when it names one, else the commit's own tree
     * (listed in parallel with the read, so it costs no round trip). A blob whose id, presence or
     * kind the tree contradicts, or that no tree can vouch for, is an error, never believed.
     */
    const verified = async (item, answer) => {
        const { ref, path } = item;
        // The tree also says which blobs are symbolic links: asked for every verified read.
        const listed = item.hint.verify === true ? existsInTree(ref, path) : null;
        const got = await answer;
        if (listed === null)
            return got;
        const tree = await listed;
        // Git stores a link as a blob holding its target path. GraphQL serves that blob; REST's
        // contents endpoint may serve the target instead, so anything but the link's own blob (by
        // the tree's id) is re-read from the blob endpoint.
        if (tree?.mode === SYMLINK_MODE && tree.sha !== undefined) {
            if (got.kind === 'ok' && item.oid === tree.sha)
                return { kind: 'link', target: got.text };
            try {
                const blob = await blobBytes(tree.sha);
                if (blob.kind === 'bytes' && gitBlobSha(blob.bytes) === tree.sha) {
                    return { kind: 'link', target: Buffer.from(blob.bytes).toString('utf8') };
                }
            }
            catch (failure) {
                logger.debug(`link blob ${tree.sha} not read: ${getErrorMessage(failure)}`);
            }
            return error('a symbolic link whose target could not be read');
        }
        if (got.kind === 'error')
            return got;
        // A SHA from the pull request's file list already vouches for the blob.
        if (item.hint.sha !== undefined)
            return got;
        if (tree === null) {
            return error("not verified: the commit's git tree could not be listed");
        }
        if (got.kind === 'missing') {
            return tree.exists ? error("in the commit's tree but was answered missing") : got;
        }
        if (!tree.exists) {
            return error("the file was served but the commit's tree has no such file");
        }
        const sha = item.oid ?? '?';
        return sha === tree.sha
            ? got
            : error(`the file was served as blob ${sha} but the commit's tree has blob ${tree.sha ?? '?'}`);
    };
    return {
        stats,
        existsInTree,
        read(ref, path, hint = {}) {
            const key = `${ref}\0${path}`;
            let read = cache.get(key);
            if (read === undefined) {
                const item = { ref, path, hint, resolve: () => undefined };
                const answer = new Promise((resolve) => {
                    item.resolve = resolve;
                    if (pending.length === 0)
                        setImmediate(flush);
                    pending.push(item);
                });
                read = verified(item, answer);
                cache.set(key, read);
            }
            return read;
        },
        describe() {
            const graphql = stats.graphqlRefused === null
                ? `${String(stats.graphqlFiles)} over GraphQL in ${String(stats.graphqlQueries)} queries`
                : `GraphQL not used (${stats.graphqlRefused})`;
            return `Cargo files read: ${graphql}, ${String(stats.restFiles)} over REST`;
        }
    };
}
/**
 * The repository at one revision. `paths` are the changed Cargo files (listCargoFiles returns
 * them), `direct` other files worth asking for at once, `prefetch` the workspace-root candidates
 * read in the same GraphQL query (over REST they are first looked up in the git tree). Any other
 * path is first looked up in the git tree listing (one request per revision, cached), so finding
 * a workspace root never costs a request per parent directory.
 */
function githubTree(reader, options) {
    const direct = new Set([...options.paths, ...(options.direct ?? [])]);
    const prefetch = new Set(options.prefetch ?? []);
    const seen = new Set();
    // Called by the contract with checked paths only, once per path and link hop.
    const readOne = async (path) => {
        seen.add(path);
        // Every object of either side is verified: by the file list's SHA, else by the tree.
        const hint = { verify: true };
        const sha = options.blobs?.get(path);
        if (sha !== undefined)
            hint.sha = sha;
        const exists = options.exists?.get(path);
        if (exists !== undefined)
            hint.exists = exists;
        if (!direct.has(path) && prefetch.has(path)) {
            hint.probe = true;
        }
        else if (!direct.has(path)) {
            const listed = await reader.existsInTree(options.ref, path);
            if (listed?.exists === false)
                return { kind: 'missing' };
            if (listed?.sha !== undefined) {
                hint.sha = listed.sha;
                hint.exists = true;
            }
        }
        return reader.read(options.ref, path, hint);
    };
    // The one contract of every tree (trees/tree.ts): same answers as the CLI's readers.
    const tree = treeFromReader({
        label: options.label,
        list: () => Promise.resolve(options.paths),
        read: readOne
    });
    return Object.defineProperty(tree, 'filesRead', { get: () => seen.size });
}
/** Cargo.toml paths of every ancestor directory of the given manifests (workspace-root candidates), shallowest first. */
function ancestorManifests(paths) {
    const out = new Set();
    for (const path of paths) {
        if (!path.endsWith('Cargo.toml'))
            continue;
        let dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
        while (dir !== '') {
            const slash = dir.lastIndexOf('/');
            dir = slash < 0 ? '' : dir.slice(0, slash);
            out.add(dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`);
        }
    }
    const depth = (path) => path.split('/').length;
    return [...out].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}
function short(ref) {
    return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref;
}

// The Cargo files a pull request (or a pair of commits) changes, from GitHub's REST API: the pull
// request's file list (bounded: GitHub stops at 3,000 files, 30 pages of 100), or past that cap
// by comparing the two git trees. The listing also says which files exist on each side and gives
// the head blob SHAs, against which every file read is verified.
/** GitHub stops listing a pull request's files here. */
const PULL_REQUEST_FILE_CAP = 3000;
/**
 * Changed Cargo files read at most (two requests each). A hostile or huge pull request must not
 * spend a GITHUB_TOKEN's 1,000 requests an hour, or minutes of the job, on manifests.
 */
const MAX_CARGO_FILES = 300;
/** At most MAX_CARGO_FILES paths: lockfiles first (they hold the versions), then manifests nearest the root. */
function limitCargoFiles(paths) {
    if (paths.length <= MAX_CARGO_FILES)
        return { paths: [...paths], problem: null };
    const rank = (path) => (path.endsWith('Cargo.lock') ? 0 : 1);
    const depth = (path) => path.split('/').length;
    const kept = [...paths]
        .sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, MAX_CARGO_FILES)
        .sort();
    return {
        paths: kept,
        problem: {
            kind: 'file-list-truncated',
            message: `The pull request changes ${String(paths.length)} Cargo files; only ${String(MAX_CARGO_FILES)} were compared (lockfiles first, then the manifests nearest the root), so the changes of the other ${String(paths.length - MAX_CARGO_FILES)} are unknown`,
            incomplete: true
        }
    };
}
const PAGE_SIZE = 100;
const diffEntry = looseObject({
    filename: string(),
    status: string(),
    sha: string().nullish(),
    previous_filename: string().optional()
});
/** Lists a pull request's changed files; falls back to comparing trees when the list is capped. */
async function listPullRequestCargoFiles(octokit, repo, options) {
    const paths = new Set();
    const headBlobs = new Map();
    const baseExists = new Map();
    const headExists = new Map();
    let listed = 0;
    const take = (data) => {
        for (const raw of data) {
            listed += 1;
            const entry = diffEntry.parse(raw);
            const renamed = entry.previous_filename !== undefined;
            if (isCargoFile(entry.filename)) {
                paths.add(entry.filename);
                if (entry.sha && entry.status !== 'removed')
                    headBlobs.set(entry.filename, entry.sha);
                const created = entry.status === 'added' || entry.status === 'copied' || renamed;
                baseExists.set(entry.filename, baseExists.get(entry.filename) === true || !created);
                headExists.set(entry.filename, entry.status !== 'removed');
            }
            if (entry.previous_filename !== undefined && isCargoFile(entry.previous_filename)) {
                paths.add(entry.previous_filename);
                baseExists.set(entry.previous_filename, true);
                if (!headExists.has(entry.previous_filename))
                    headExists.set(entry.previous_filename, false);
            }
        }
    };
    const { changedFiles } = options;
    if (changedFiles !== null && changedFiles > PULL_REQUEST_FILE_CAP) {
        options.logger.info(`The pull request changes ${String(changedFiles)} files (GitHub caps the list at ${String(PULL_REQUEST_FILE_CAP)}); comparing the base and head trees instead`);
        return { ...(await listCargoFilesByTrees(octokit, repo, options)), filesListed: 0 };
    }
    if (changedFiles === null) {
        const iterator = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
            ...repo,
            pull_number: options.number,
            per_page: PAGE_SIZE
        });
        // Bounded: GitHub lists at most 3,000 files, so a link past page 30 is not followed.
        let pages = 0;
        for await (const page of iterator) {
            take(page.data);
            pages += 1;
            if (pages >= PULL_REQUEST_FILE_CAP / PAGE_SIZE)
                break;
        }
    }
    else {
        // The payload says how many files there are: ask for every page at once (one round trip
        // instead of one per page), then keep going only if a full last page says there are more.
        const listPage = async (page) => (await octokit.rest.pulls.listFiles({
            ...repo,
            pull_number: options.number,
            per_page: PAGE_SIZE,
            page
        })).data;
        const pageCount = Math.max(1, Math.ceil(changedFiles / PAGE_SIZE));
        const pages = await Promise.all(Array.from({ length: pageCount }, (_, index) => listPage(index + 1)));
        for (const data of pages)
            take(data);
        let next = pageCount + 1;
        let last = pages.at(-1) ?? [];
        while (last.length === PAGE_SIZE && next <= PULL_REQUEST_FILE_CAP / PAGE_SIZE) {
            last = await listPage(next);
            take(last);
            next += 1;
        }
    }
    const capped = listed >= PULL_REQUEST_FILE_CAP ||
        (options.changedFiles !== null && listed < options.changedFiles);
    if (capped) {
        options.logger.info(`The pull request lists ${String(listed)} of ${String(options.changedFiles ?? listed)}+ changed files (GitHub caps the list at ${String(PULL_REQUEST_FILE_CAP)}); comparing the base and head trees instead`);
        const byTrees = await listCargoFilesByTrees(octokit, repo, options);
        return { ...byTrees, filesListed: listed };
    }
    return {
        paths: [...paths].sort(),
        baseBlobs: new Map(),
        headBlobs,
        baseExists,
        headExists,
        filesListed: listed,
        problems: []
    };
}
const gitTree = looseObject({
    truncated: boolean().optional(),
    tree: array(looseObject({ path: string(), type: string(), sha: string() }))
});
/** Changed Cargo files found by comparing the blob SHAs of two recursive git trees. */
async function listCargoFilesByTrees(octokit, repo, options) {
    const problems = [];
    const [base, head] = await Promise.all([options.base, options.head].map(async (ref) => {
        const response = await octokit.rest.git.getTree({ ...repo, tree_sha: ref, recursive: 'true' });
        const tree = gitTree.parse(response.data);
        if (tree.truncated === true) {
            problems.push({
                kind: 'file-list-truncated',
                message: `GitHub truncated the file tree of ${ref}: Cargo files beyond its limit were not compared`,
                incomplete: true
            });
        }
        const blobs = new Map();
        for (const entry of tree.tree) {
            if (entry.type === 'blob' && isCargoFile(entry.path))
                blobs.set(entry.path, entry.sha);
        }
        return blobs;
    }));
    const baseBlobs = base ?? new Map();
    const headBlobs = head ?? new Map();
    const paths = new Set();
    for (const [path, sha] of baseBlobs)
        if (headBlobs.get(path) !== sha)
            paths.add(path);
    for (const path of headBlobs.keys())
        if (!baseBlobs.has(path))
            paths.add(path);
    const sorted = [...paths].sort();
    return {
        paths: sorted,
        baseBlobs,
        headBlobs,
        baseExists: new Map(sorted.map((path) => [path, baseBlobs.has(path)])),
        headExists: new Map(sorted.map((path) => [path, headBlobs.has(path)])),
        filesListed: baseBlobs.size + headBlobs.size,
        problems
    };
}

// The action's inputs: read with core.getInput in one place (readRawInputs), read by the options
// table's grammars (options/table.ts, shared with the CLI) in a pure function (parseInputs) so
// that tests need no environment.
/** Every input declared in action.yml (test/project/readme.test.ts keeps this, action.yml and README equal). */
const INPUT_NAMES = [
    'github-token',
    'fail-on-affected',
    'fail-on-yanked',
    'min-publish-age',
    'fail-on-too-new',
    'unmaintained',
    'comment',
    'ignore',
    'advisory-source',
    'osv-api-url',
    'rustsec-url',
    'crates-index',
    'crates-index-url',
    'base-ref',
    'head-ref',
    'github-timeout',
    'github-deadline',
    'github-request-budget',
    'sarif-file',
    'check-run'
];
/** The only place that reads inputs (core.getInput by default); the runner provides every one. */
function readRawInputs(getInput$1 = getInput) {
    const raw = {};
    for (const name of INPUT_NAMES)
        raw[name] = getInput$1(name, { trimWhitespace: false });
    return raw;
}
/** The options table's view of the raw inputs: a blank input is one not given (its default). */
function givenInputs(raw) {
    const input = (id) => {
        const name = OPTIONS[id].input;
        return name === undefined ? '' : raw[name];
    };
    return {
        text: (id) => (input(id).trim() === '' ? undefined : input(id)),
        entries: (id) => input(id).split(/\r?\n/)
    };
}
function parseInputs(raw, options) {
    const given = givenInputs(raw);
    const read = (id) => readOption(id, given.text(id), ACTION_EDGE);
    const shared = readSharedOptions(ACTION_EDGE, given, { baseDir: options.workspace });
    const token = read('githubToken');
    if (token === null) {
        throw new ConfigurationError('github-token is empty: keep its default (${{ github.token }}) or pass a token');
    }
    return {
        token,
        failOnAffected: shared.failOnAffected,
        failOnYanked: shared.failOnYanked,
        minPublishAge: shared.minPublishAge,
        failOnTooNew: shared.failOnTooNew,
        unmaintained: read('unmaintained'),
        comment: read('comment'),
        ignore: shared.ignore,
        source: shared.source,
        cratesIndexUrl: shared.cratesIndexUrl,
        baseRef: read('baseRef'),
        headRef: read('headRef'),
        github: {
            requestTimeoutMs: read('githubTimeout') * 1000,
            deadlineMs: read('githubDeadline') * 1000,
            budget: read('githubRequestBudget')
        },
        sarifFile: shared.sarif,
        checkRun: read('checkRun')
    };
}

// The action's run(), in named phases (each logged as `Phase: …` when it starts): read inputs →
// plan event → connect to GitHub (and look for our comment) → read trees → analyse → review →
// publish (comment, findings: annotations, check run, SARIF; report file, outputs) → decide.
// Everything it touches outside itself comes in `deps` (src/index.ts wires the real ones),
// so tests call it in process; it returns the failure instead of calling core.setFailed.
/** The engine, analysis and renderer (./engine.ts): a chunk of its own, loaded once the first
 * GitHub requests are on their way, so start-up pays only for the event and the GitHub client. */
let engineModule;
const loadEngine = () => (engineModule ??= import('./chunks/engine.js'));
/**
 * The core surface with every line neutralised (core/logger.ts) and every known secret removed:
 * `setSecret` also registers the token for redaction (core.setSecret masks the job log only).
 */
function safeCore(inner) {
    const logger = createSafeLogger({
        info: (line) => {
            inner.info(line);
        },
        warning: (message) => {
            inner.warning(message);
        },
        error: (message) => {
            inner.warning(message);
        },
        debug: (message) => {
            inner.debug(message);
        },
        startGroup: (title) => {
            inner.startGroup(title);
        },
        endGroup: () => {
            inner.endGroup();
        }
    });
    return {
        getInput: (name, options) => inner.getInput(name, options),
        info: (message) => {
            logger.info(message);
        },
        warning: (message) => {
            logger.warning(message);
        },
        debug: (message) => {
            logger.debug(message);
        },
        setSecret: (secret) => {
            inner.setSecret(secret);
            registerSecret(secret);
        },
        setOutput: (name, value) => {
            inner.setOutput(name, redactSecrets(value));
        },
        startGroup: (title) => {
            logger.startGroup(title);
        },
        endGroup: () => {
            logger.endGroup();
        },
        writeSummary: (text) => inner.writeSummary(redactSecrets(text)),
        annotate: (level, message, properties) => {
            const { title, file } = properties;
            // A path that would need neutralising (e.g. `##[` in a directory name) cannot be a file
            // property: the annotation stays, without the file, and names the path in its message.
            const safeFile = file === undefined || neutraliseLogLine(file) === file;
            const fields = safeFile ? properties : { ...(title === undefined ? {} : { title }) };
            const text = safeFile ? message : `${message}\n(in ${file})`;
            inner.annotate(level, neutraliseLogMessage(redactSecrets(text)), {
                ...fields,
                ...(title === undefined ? {} : { title: neutraliseLogLine(redactSecrets(title)) })
            });
        }
    };
}
/** Workspace-root candidates read with the changed files at most (each an alias, per side). */
const MAX_PREFETCHED_ROOTS = 200;
/** The action; its failure message is neutralised for the log, like every line (core/logger.ts). */
async function run(deps) {
    const { failure } = await runChecked(deps);
    return { failure: failure === null ? null : neutraliseLogMessage(redactSecrets(failure)) };
}
/** The phases in order, each named in the log as it starts. */
async function runChecked(deps) {
    // Every log line and output goes through the safe surface: untrusted text cannot write a
    // workflow command, and the token never leaves in a log line, an output or the summary.
    const core = safeCore(deps.core);
    const clock = deps.clock ?? Date;
    const state = {
        core,
        logger: core,
        clock,
        started: clock.now(),
        summary: null,
        outputsSet: false,
        commentTarget: null,
        retiring: Promise.resolve(),
        transport: null,
        runClient: null
    };
    const phase = (name) => {
        core.info(`Phase: ${name}`);
    };
    try {
        phase('read inputs');
        const { env, inputs } = readConfiguration(state, deps);
        phase('plan event');
        const plan = planEvent({
            eventName: env.eventName,
            payload: env.payload,
            baseRef: inputs.baseRef,
            headRef: inputs.headRef
        });
        if (plan.kind === 'skip')
            return skipRun(state, plan, inputs);
        phase('connect to GitHub');
        const github = connectGitHub(state, deps, env, inputs);
        findComment(state, github, env, plan, inputs);
        phase('read trees');
        const trees = await readTrees(state, github, env, plan, inputs);
        phase('analyse');
        const engine = await loadEngine();
        const report = await analyseChange(state, deps, engine, github, trees, inputs);
        phase('review');
        const reviewed = reviewChange(state, engine, report, env, inputs);
        phase('publish');
        const comment = await publishComment(state, engine, report, reviewed, env, inputs, trees);
        await publishResults(state, engine, report, reviewed, {
            env,
            plan,
            inputs,
            github,
            trees,
            comment
        });
        phase('decide');
        return decide(engine, report, reviewed);
    }
    catch (error) {
        return await failRun(state, error);
    }
    finally {
        await state.retiring;
        state.transport?.close();
        await state.runClient?.close();
        await writeSummary(core, state.summary);
    }
}
function setOutputs(state, outputs) {
    const { core } = state;
    core.setOutput('affected-count', outputs.affectedCount);
    core.setOutput('advisory-ids', outputs.advisoryIds);
    core.setOutput('introduced-count', outputs.introducedCount);
    core.setOutput('introduced-ids', outputs.introducedIds);
    core.setOutput('too-new-count', outputs.tooNewCount);
    core.setOutput('incomplete', outputs.incomplete ? 'true' : 'false');
    core.setOutput('report-path', outputs.reportPath);
    core.setOutput('comment-url', outputs.commentUrl);
    core.setOutput('comment-content', outputs.commentContent);
    state.outputsSet = true;
}
/** The runner's environment and the inputs; the token is masked from here on. */
function readConfiguration(state, deps) {
    const { core } = state;
    const env = readRunnerEnvironment(deps.env);
    const inputs = parseInputs(readRawInputs((name, options) => core.getInput(name, options)), { workspace: env.workspace });
    core.setSecret(inputs.token);
    return { env, inputs };
}
/** Nothing to check (or nothing that can be): say why; skipped is not green under the gate. */
function skipRun(state, plan, inputs) {
    state.core.warning(`${TOOL_NAME}: skipped: ${plan.reason}`);
    state.summary = skippedSummary(plan.reason);
    setOutputs(state, plan.unknown ? NOTHING_KNOWN : NOTHING_CHANGED);
    // Skipped is not green under the gate: something was to be checked and nothing was.
    return {
        failure: plan.unknown && inputs.failOnAffected !== 'off'
            ? `Not checked, so the analysis is incomplete and advisories may be missing: ${plan.reason}.`
            : null
    };
}
/** One transport (limits, budget, request count) for REST, GraphQL and the file reader. */
function connectGitHub(state, deps, env, inputs) {
    const stats = { requests: 0 };
    const runClient = deps.fetch === undefined ? createRunClient(deps.env) : null;
    state.runClient = runClient;
    // GitHub's requests take the run's pool too, unless a proxy applies to the API: the runner's
    // client reads HTTPS_PROXY and NO_PROXY (the run's pool reads them under NODE_USE_ENV_PROXY).
    const githubFetch = deps.fetch ?? (runClient !== null && getProxyUrl(env.apiUrl) === '' ? runClient.fetch : null);
    const transport = createGitHubTransport({
        limits: inputs.github,
        stats,
        ...(githubFetch === null ? {} : { inner: githubFetch })
    });
    state.transport = transport;
    const octokit = createGitHubClient(inputs.token, {
        baseUrl: env.apiUrl,
        logger: state.logger,
        stats,
        transport,
        ...deps.github
    });
    const graphql = createGraphqlPost(inputs.token, {
        url: graphqlUrl(env.apiUrl, deps.env),
        transport,
        userAgent: `${TOOL_NAME}/${TOOL_VERSION}`
    });
    const reader = createGitHubReader(octokit, env.repo, { graphql, logger: state.logger });
    return { stats, octokit, reader, graphql };
}
/**
 * Our earlier comment is looked for now, beside the file list, so the longest chain of requests
 * stays: file list → contents → advisory batch → advisory records → comment write. Who we are
 * (GraphQL viewer) is asked beside the comment list: no extra step on that chain.
 */
function findComment(state, github, env, plan, inputs) {
    if (plan.kind !== 'pull-request')
        return;
    const { octokit, graphql } = github;
    const { logger } = state;
    const search = searchComment(octokit, env.repo, {
        number: plan.number,
        marker: COMMENT_MARKER,
        logger,
        graphql
    });
    if (inputs.comment === 'never') {
        // An earlier comment of ours would no longer be maintained: it is deleted (README).
        state.retiring = retireComment(octokit, env.repo, { search, logger });
    }
    else {
        state.commentTarget = {
            octokit,
            repo: env.repo,
            number: plan.number,
            search,
            runUrl: env.runUrl
        };
    }
}
/** The changed Cargo files and both revisions' trees, their reads started at once. */
async function readTrees(state, github, env, plan, inputs) {
    const { core, logger } = state;
    const { octokit, reader } = github;
    const configTree = githubTree(reader, {
        ref: plan.base,
        label: `base ${plan.base.slice(0, 12)}`,
        paths: [],
        direct: IGNORE_CONFIG_PATHS
    });
    const ignoreConfigs = readIgnoreConfigs(configTree, logger);
    ignoreConfigs.catch(() => undefined);
    core.startGroup(`Files (${plan.base.slice(0, 12)} → ${plan.head.slice(0, 12)})`);
    const listed = plan.kind === 'pull-request'
        ? await listPullRequestCargoFiles(octokit, env.repo, { ...plan, logger })
        : await listCargoFilesByTrees(octokit, env.repo, plan);
    // Past MAX_CARGO_FILES the other files are not fetched: the report says they are unknown.
    const limited = limitCargoFiles(listed.paths);
    if (limited.problem !== null)
        core.warning(limited.problem.message);
    const changed = {
        ...listed,
        paths: limited.paths,
        problems: limited.problem === null ? listed.problems : [...listed.problems, limited.problem]
    };
    core.info(`${String(changed.filesListed)} files listed, ${String(changed.paths.length)} changed Cargo files: ${changed.paths.join(', ') || 'none'}`);
    // The workspace roots members may inherit from are read in the same query as the changed
    // files (a missing one costs an alias, not a request); analyze() then reads from the cache.
    const changedSet = new Set(changed.paths);
    const roots = ancestorManifests(changed.paths)
        .filter((path) => !changedSet.has(path))
        .slice(0, MAX_PREFETCHED_ROOTS);
    const base = githubTree(reader, {
        ref: plan.base,
        label: `base ${plan.base.slice(0, 12)}`,
        paths: changed.paths,
        prefetch: roots,
        blobs: changed.baseBlobs,
        exists: changed.baseExists
    });
    const head = githubTree(reader, {
        ref: plan.head,
        label: `head ${plan.head.slice(0, 12)}`,
        paths: changed.paths,
        prefetch: roots,
        blobs: changed.headBlobs,
        exists: changed.headExists
    });
    for (const path of [...changed.paths, ...roots]) {
        void base.read(path);
        void head.read(path);
    }
    // The engine compiles while those downloads are in flight; a timer turn later, so that octokit
    // has sent them first (it queues requests through timers of its own).
    setTimeout(() => {
        loadEngine().catch(() => undefined);
    }, 1);
    const ignore = mergeIgnoreRules(inputs.ignore, await ignoreConfigs);
    core.endGroup();
    return { base, head, changed, ignore };
}
/** The change's crates against the advisory source and the index: the Report. */
async function analyseChange(state, deps, engine, github, trees, inputs) {
    const { core, logger, clock } = state;
    core.startGroup('Advisories');
    const { analyze, createAdvisorySource, cratesIndexOrNull } = engine;
    const advisoryRequests = { count: 0 };
    const baseFetch = deps.fetch ?? state.runClient?.fetch ?? fetch;
    const countingFetch = (input, init) => {
        advisoryRequests.count += 1;
        return baseFetch(input, init);
    };
    const tuning = deps.advisories ?? {};
    const source = (deps.createAdvisorySource ?? createAdvisorySource)(inputs.source, {
        fetch: countingFetch,
        logger,
        userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
        ...tuning
    });
    const report = await analyze({
        base: trees.base,
        head: trees.head,
        source,
        cratesIndex: cratesIndexOrNull(inputs.cratesIndexUrl, {
            fetch: baseFetch,
            logger,
            userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
            ...tuning
        }),
        ignore: trees.ignore,
        logger,
        paths: trees.changed.paths,
        extraProblems: trees.changed.problems,
        toolVersion: TOOL_VERSION,
        // Publish ages are measured to the run's clock; the cooldown is the input's or the base's.
        now: clock.now(),
        minPublishAge: inputs.minPublishAge
    });
    core.info(github.reader.describe());
    const lookedUp = report.lockfiles.reduce((sum, lockfile) => sum + lockfile.changes.filter((change) => change.kind !== 'removed').length, 0);
    core.info(`${String(lookedUp)} added or updated crates checked against ${report.advisory_source ?? 'no advisory source'}; ` +
        `${String(advisoryRequests.count)} advisory requests`);
    core.endGroup();
    return report;
}
/** Decided once: every reader below (comment, summary, outputs, failure) reads the Review. */
function reviewChange(state, engine, report, env, inputs) {
    const { buildReview, gate, renderSummary, renderComment } = engine;
    const review = buildReview(report);
    if (inputs.failOnTooNew && !review.ages.active) {
        state.core.warning('fail-on-too-new: no cooldown applies (no min-publish-age input, none in the base revision’s .cargo/config.toml): publish ages were not checked');
    }
    // One outcome for the comment's first line, the summary's and the failure message's.
    const decision = gate(review, {
        failOnAffected: inputs.failOnAffected,
        failOnYanked: inputs.failOnYanked,
        failOnTooNew: inputs.failOnTooNew
    });
    const { outcome } = decision;
    state.summary = renderSummary(report, { unmaintained: inputs.unmaintained, outcome, review });
    const commentText = renderComment(report, {
        review,
        detailsUrl: env.runUrl,
        unmaintained: inputs.unmaintained,
        outcome
    });
    return { review, decision, commentText };
}
/** The pull request comment (created, updated or left alone), when there is a pull request. */
async function publishComment(state, engine, report, reviewed, env, inputs, trees) {
    const target = state.commentTarget;
    if (target === null)
        return null;
    // From here on the comment states this run's result; a failure below leaves it standing.
    state.commentTarget = null;
    const { review, commentText } = reviewed;
    const comment = await upsertComment(target.octokit, target.repo, {
        search: target.search,
        number: target.number,
        marker: COMMENT_MARKER,
        wanted: commentWanted(inputs.comment, trees.changed.paths.length, review),
        render: (short) => redactSecrets(short ? engine.shortComment(report, review.affected, env.runUrl) : commentText),
        logger: state.logger
    });
    state.core.info(`Comment: ${comment.action}${comment.url === null ? ` (${comment.reason})` : ` ${comment.url}`}`);
    return comment;
}
/**
 * Each finding on its line (the JSON report, the annotations, the check run on the head commit,
 * the SARIF file; never the job's failure), then the report file and the outputs.
 */
async function publishResults(state, engine, report, reviewed, context) {
    const { core, clock } = state;
    const { env, plan, inputs, github, trees, comment } = context;
    const { review, decision, commentText } = reviewed;
    const { affected, ages } = review;
    const located = await engine.locateForPublishing(report, trees.head, { unmaintained: inputs.unmaintained === 'notice', failOnTooNew: inputs.failOnTooNew }, core);
    await engine.publishFindings({
        report,
        findings: located.findings,
        core,
        gateFailed: decision.result !== 'pass',
        where: comment?.url ? 'the pull request comment' : 'the job summary',
        sarifFile: inputs.sarifFile,
        workspace: env.workspace,
        checkRun: {
            mode: inputs.checkRun,
            eventName: env.eventName,
            headSha: plan.head,
            octokit: github.octokit,
            repo: env.repo
        }
    });
    const reportPath = await writeReport(env.temp, located.report);
    setOutputs(state, {
        affectedCount: String(affected.affectedCount),
        advisoryIds: JSON.stringify(affected.advisoryIds),
        introducedCount: String(affected.introducedCount),
        introducedIds: JSON.stringify(affected.introducedIds),
        tooNewCount: ages.active ? String(review.counts.too_new_crates ?? 0) : '',
        incomplete: affected.incomplete,
        reportPath,
        commentUrl: comment?.url ?? '',
        // The comment's Markdown whether or not it was posted, for workflows that post elsewhere.
        commentContent: commentText
    });
    core.info(`${String(trees.base.filesRead + trees.head.filesRead)} files read, ${String(github.stats.requests)} GitHub requests, ` +
        `${String(clock.now() - state.started)} ms; report: ${reportPath}`);
    for (const reason of affected.incompleteReasons)
        core.warning(`Incomplete: ${reason}`);
}
/** The job's result, as the gate decided it: the failure opens with the comment's first line. */
function decide(engine, report, reviewed) {
    const { decision, review } = reviewed;
    if (decision.result === 'pass')
        return { failure: null };
    const { failures } = decision;
    const messages = [failures.affected, failures.yanked, failures.tooNew].filter((text) => text !== null);
    return {
        failure: [engine.outcomeLine(report, decision.outcome, 'action', review), ...messages].join('\n')
    };
}
/** A run that could not finish: nothing known in the outputs, an earlier comment marked failed. */
async function failRun(state, error) {
    const { logger } = state;
    const message = getErrorMessage(error);
    if (state.summary === null)
        state.summary = failedSummary(message);
    // Nothing was analysed: say so in the outputs too, so a later step never reads "0 affected".
    if (!state.outputsSet)
        setOutputs(state, NOTHING_KNOWN);
    const target = state.commentTarget;
    if (target !== null) {
        // An earlier comment of ours must not keep saying "not affected" for a commit nobody checked;
        // none is created for a failure (wanted: false), the job's error is the message.
        const outcome = await upsertComment(target.octokit, target.repo, {
            search: target.search,
            number: target.number,
            marker: COMMENT_MARKER,
            wanted: false,
            render: () => redactSecrets(failedRunComment(message, target.runUrl)),
            logger
        });
        if (outcome.action === 'updated')
            logger.info(`Comment: marked as failed ${outcome.url}`);
    }
    return {
        failure: error instanceof ConfigurationError ? `Configuration: ${message}` : message
    };
}
function commentWanted(mode, changedCargoFiles, review) {
    if (mode === 'never')
        return false;
    // A yanked, unlisted or too new version the PR adds is shown with the affected crates: it is
    // worth the comment too.
    if (mode === 'on-affected') {
        const { affected, yanked, ages } = review;
        return (affected.affectedCount > 0 ||
            affected.incomplete ||
            yanked.yanked.length + yanked.unlisted.length > 0 ||
            ages.tooNew.length > 0);
    }
    return changedCargoFiles > 0;
}
async function writeReport(temp, report) {
    const dir = await mkdtemp(join(temp, `${TOOL_NAME}-`));
    const path = join(dir, 'report.json');
    // In chunks: a report with hundreds of thousands of findings is longer than any string.
    const { writeJsonFile } = await loadEngine();
    writeJsonFile(report, path);
    return path;
}
/** When nothing was analysed: an empty count, never "0 affected". */
const NOTHING_KNOWN = {
    affectedCount: '',
    advisoryIds: '[]',
    introducedCount: '',
    introducedIds: '[]',
    tooNewCount: '',
    incomplete: true,
    reportPath: '',
    commentUrl: '',
    commentContent: ''
};
/** When there was nothing to analyse (a deleted branch): complete, nothing affected. */
const NOTHING_CHANGED = {
    ...NOTHING_KNOWN,
    affectedCount: '0',
    introducedCount: '0',
    incomplete: false
};
async function writeSummary(core, text) {
    if (text === null)
        return;
    try {
        await core.writeSummary(text);
    }
    catch (error) {
        core.warning(`Could not write the job summary: ${getErrorMessage(error)}`);
    }
}

// Entry point of the action (dist/index.js): the only module with a top-level call. It wires the
// real runner: process.env, @actions/core (whose summary is a module singleton and whose
// setFailed sets process.exitCode — hence here, not in run()).
/** The failure as the log shows it: neutralised like every other line, without the token. */
const fail = (message) => {
    setFailed(neutraliseLogMessage(redactSecrets(message)));
};
try {
    const result = await run({
        env: process.env,
        core: {
            getInput: getInput,
            info: info,
            warning: warning,
            debug: debug,
            setSecret: setSecret,
            setOutput: setOutput,
            startGroup: startGroup,
            endGroup: endGroup,
            writeSummary: async (text) => {
                await summary.addRaw(text).addEOL().write();
            },
            annotate: (level, message, properties) => {
                core[level](message, properties);
            }
        },
        clock: Date
    });
    // run() neutralised the failure message already.
    if (result.failure !== null)
        setFailed(result.failure);
}
catch (error) {
    // run() answers every failure itself; this is a bug, still reported as a failed step.
    fail(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
}
// The summary and outputs are written: the step ends now, not when the network lets go.
await exitWhenFlushed(typeof process.exitCode === 'number' ? process.exitCode : 0);
//# sourceMappingURL=index.js.map
