import type { ReportingDescriptor, Result } from 'sarif';
import { ruleDocumentationUrl } from './protocol';
import { ruleHelp } from './rulePages';
import type { Rule } from '../rules/types';
import type { Severity } from '../core/findings';

/** SARIF has no information or hint level: both are notes. */
export function sarifLevel(severity: Severity): Result.level {
  if (severity === 'error' || severity === 'warning') return severity;
  return 'note';
}

/**
 * `tool.driver.rules[]` entry for a rule: its catalogue data, and from its page (the one
 * copy of its prose) the full description (the page's summary) and the help (what it
 * checks and how to fix it, with a link to the page; in plain text, the summary and the
 * link). Without its docs beside it (a bundle copied elsewhere) the entry keeps the
 * title and the link to the published page.
 */
export function ruleDescriptor(rule: Rule): ReportingDescriptor {
  const page = ruleHelp(rule.name);
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: page ? markdownToText(page.summary) : rule.title },
    ...(page ? { help: { text: markdownToText(page.text), markdown: page.markdown } } : {}),
    helpUri: ruleDocumentationUrl(rule.name),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
  };
}

/**
 * A page's Markdown as plain text for viewers that show `help.text`: fenced code keeps
 * its lines without the fences, code spans lose their backticks, emphasis its markers,
 * links keep their text and target. Block structure (paragraphs, `- ` lists) reads fine
 * as it is.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^```.*\n([\s\S]*?)^```[ \t]*$/gm, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)((?:(?!\1)[^\n])+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/^#{1,6}\s+/gm, '');
}
