import type { BicepNode } from './ast';

/** Calls `visit` on each direct child of `node`, in text order. */
export function forEachChild(node: BicepNode, visit: (child: BicepNode) => void): void {
  switch (node.kind) {
    case 'file':
      for (const d of node.declarations) visit(d);
      return;
    case 'targetScope':
      node.decorators.forEach(visit);
      visit(node.value);
      return;
    case 'metadata':
    case 'assert':
      node.decorators.forEach(visit);
      visit(node.name);
      visit(node.value);
      return;
    case 'param':
      node.decorators.forEach(visit);
      visit(node.name);
      if (node.type) visit(node.type);
      if (node.value) visit(node.value);
      return;
    case 'var':
      node.decorators.forEach(visit);
      visit(node.name);
      if (node.type) visit(node.type);
      visit(node.value);
      return;
    case 'output':
      node.decorators.forEach(visit);
      visit(node.name);
      visit(node.type);
      visit(node.value);
      return;
    case 'type':
      node.decorators.forEach(visit);
      visit(node.name);
      visit(node.value);
      return;
    case 'func':
      node.decorators.forEach(visit);
      visit(node.name);
      node.params.forEach(visit);
      visit(node.returnType);
      visit(node.body);
      return;
    case 'funcParam':
      visit(node.name);
      visit(node.type);
      return;
    case 'resource':
      node.decorators.forEach(visit);
      visit(node.name);
      visit(node.type);
      visit(node.value);
      return;
    case 'module':
    case 'test':
      node.decorators.forEach(visit);
      visit(node.name);
      visit(node.path);
      visit(node.value);
      return;
    case 'import':
      node.decorators.forEach(visit);
      node.symbols?.forEach(visit);
      if (node.wildcard) visit(node.wildcard);
      if (node.from) visit(node.from);
      if (node.specification) visit(node.specification);
      if (node.config) visit(node.config);
      if (node.alias) visit(node.alias);
      return;
    case 'importedSymbol':
      visit(node.name);
      if (node.alias) visit(node.alias);
      return;
    case 'extension':
      node.decorators.forEach(visit);
      visit(node.specification);
      if (node.config) visit(node.config);
      if (node.alias) visit(node.alias);
      return;
    case 'using':
      node.decorators.forEach(visit);
      visit(node.path);
      if (node.config) visit(node.config);
      return;
    case 'extends':
      node.decorators.forEach(visit);
      visit(node.path);
      return;
    case 'errorDeclaration':
      node.decorators.forEach(visit);
      return;
    case 'decorator':
      visit(node.expression);
      return;
    case 'string':
      node.expressions.forEach(visit);
      return;
    case 'object':
      node.items.forEach(visit);
      return;
    case 'property':
      visit(node.key);
      visit(node.value);
      return;
    case 'spread':
      visit(node.expression);
      return;
    case 'array':
      node.items.forEach(visit);
      return;
    case 'member':
    case 'resourceAccess':
      visit(node.object);
      visit(node.name);
      return;
    case 'index':
      visit(node.object);
      visit(node.index);
      return;
    case 'nonNull':
      visit(node.expression);
      return;
    case 'call':
      if (node.object) visit(node.object);
      visit(node.name);
      node.args.forEach(visit);
      return;
    case 'unary':
      visit(node.operand);
      return;
    case 'binary':
      visit(node.left);
      visit(node.right);
      return;
    case 'ternary':
      visit(node.condition);
      visit(node.whenTrue);
      visit(node.whenFalse);
      return;
    case 'paren':
      visit(node.expression);
      return;
    case 'lambda':
      node.params.forEach(visit);
      visit(node.body);
      return;
    case 'for':
      visit(node.item);
      if (node.index) visit(node.index);
      visit(node.iterable);
      visit(node.body);
      return;
    case 'if':
      visit(node.condition);
      visit(node.body);
      return;
    case 'typeMember':
      visit(node.object);
      visit(node.name);
      return;
    case 'typeIndex':
      visit(node.object);
      if (node.index) visit(node.index);
      return;
    case 'arrayType':
      visit(node.element);
      return;
    case 'parameterizedType':
      if (node.object) visit(node.object);
      visit(node.name);
      node.args.forEach(visit);
      return;
    case 'resourceType':
      if (node.type) visit(node.type);
      return;
    case 'objectType':
      node.properties.forEach(visit);
      return;
    case 'typeProperty':
      node.decorators.forEach(visit);
      visit(node.key);
      visit(node.value);
      return;
    case 'tupleType':
      node.items.forEach(visit);
      return;
    case 'tupleItem':
      node.decorators.forEach(visit);
      visit(node.value);
      return;
    case 'unionType':
      node.members.forEach(visit);
      return;
    case 'nullableType':
    case 'nonNullableType':
      visit(node.base);
      return;
    case 'parenType':
      visit(node.type);
      return;
    case 'typeRef':
      visit(node.name);
      return;
    case 'identifier':
    case 'number':
    case 'boolean':
    case 'null':
    case 'error':
      return;
  }
}

/**
 * Visits `root` and every node below it, parents before children and in text order.
 * Returning false from `visit` skips that node's children. Iterative, so it cannot
 * overflow the stack whatever the tree's shape.
 */
export function walk(root: BicepNode, visit: (node: BicepNode, parent: BicepNode | undefined) => boolean | void): void {
  // Two parallel stacks the children are pushed onto directly: no allocation per node, as this runs over whole bodies.
  const nodes: BicepNode[] = [root];
  const parents: (BicepNode | undefined)[] = [undefined];
  let current: BicepNode = root;
  const push = (child: BicepNode) => {
    nodes.push(child);
    parents.push(current);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (visit(node, parent) === false) continue;
    current = node;
    const base = nodes.length;
    forEachChild(node, push);
    // Pushed in text order; reversed so the first child is popped first.
    for (let i = base, j = nodes.length - 1; i < j; i++, j--) {
      const t = nodes[i];
      nodes[i] = nodes[j];
      nodes[j] = t;
    }
  }
}
