import { hardenContentScriptContext } from './harden-context';

hardenContentScriptContext();
