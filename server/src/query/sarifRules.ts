import type { ReportingDescriptor, Result } from 'sarif';
import { ruleDocumentationUrl } from './protocol';
import type { Rule } from '../rules/types';
import type { Severity } from '../core/findings';

/** SARIF has no information or hint level: both are notes. */
export function sarifLevel(severity: Severity): Result.level {
  if (severity === 'error' || severity === 'warning') return severity;
  return 'note';
}

/** `tool.driver.rules[]` entry for a rule: its catalogue data, docs in both SARIF text forms. */
export function ruleDescriptor(rule: Rule): ReportingDescriptor {
  const text = markdownToText(rule.docs);
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.title },
    // The first paragraph says what the rule checks; the rest (fix, decisions) is help.
    fullDescription: { text: text.split(/\n\s*\n/)[0] },
    help: { text, markdown: rule.docs },
    helpUri: ruleDocumentationUrl(rule.name),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
  };
}

/**
 * The docs' Markdown as plain text for viewers that show `help.text`: code spans lose
 * their backticks, emphasis its markers, links keep their text and target. Block
 * structure (paragraphs, `- ` lists) reads fine as it is.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_]+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/^#{1,6}\s+/gm, '');
}
