import { defineContentScript } from 'wxt/utils/define-content-script';
import glossary from 'virtual:health-glossary';

export default defineContentScript({
  matches: ['<all_urls>'],
  main() {
    console.log(Object.keys(glossary.entries).length);
  },
});
