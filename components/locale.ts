/** Languages and translated messages with elements inside, shared by the UI components. */
import type { ComponentChild } from 'preact';
import { i18n } from '#i18n';
import { formatIsoDate, type DateWords } from '../lib/dates';

/** The language of the glossary's own text (names, definitions, facts), whatever the UI's. */
export const GLOSSARY_LANG = 'en';

/** The language of the interface: the locale file in use (locales/<code>.yml). */
export function UI_LANG(): string {
  return i18n.t('locale.code') || 'en';
}

/**
 * A translated message with `{name}` placeholders filled by elements (a <time>, a link), so the
 * words around them stay in the translator's order.
 */
export function withParts(message: string, parts: Record<string, ComponentChild>): ComponentChild[] {
  return message.split(/(\{\w+\})/).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    return name !== undefined && name in parts ? parts[name] : piece;
  });
}

/** The UI locale's month names and date order (locales/<code>.yml, `date`). */
export function dateWords(): DateWords {
  return {
    months: i18n.t('date.months').split(/\s+/),
    monthYear: i18n.t('date.monthYear', { month: '{month}', year: '{year}' }),
    dayMonthYear: i18n.t('date.dayMonthYear', { month: '{month}', day: '{day}', year: '{year}' }),
  };
}

/** A glossary date ("March 2026", "15 de marzo de 2026") in the UI's language. */
export function formatDate(iso: string, options: { day?: boolean } = {}): string {
  return formatIsoDate(iso, { ...options, words: dateWords() });
}
