import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aseTemplate, integrationTemplate, nsgRule, vnetGateway } from '../support/templates';
import { analysed, armUri, bicepUri, hoverOn, textOf } from './hoverHelpers';
import { twinArm, twinBicep } from './twinTemplates';

const arm = twinArm;
const bicep = twinBicep;
const armAnalysis = analysed(armUri, arm);
const bicepAnalysis = analysed(bicepUri, bicep);

/** The hover on a quoted literal in both languages: ARM writes `"x"`, Bicep `'x'`; the Markdown must be the same. */
function both(value: string): string {
  const a = hoverOn(armAnalysis, `"${value}"`, 2);
  const b = hoverOn(bicepAnalysis, `'${value}'`, 2);
  assert.ok(a && b, `a hover on ${value} in both languages`);
  assert.equal(textOf(arm, a.range), `"${value}"`, 'the ARM hover covers the string');
  assert.equal(textOf(bicep, b.range), `'${value}'`, 'the Bicep hover covers the string');
  assert.equal(b.markdown, a.markdown, `Bicep and ARM say the same about ${value}`);
  return a.markdown;
}

test('an ASEv3 subnet /27 that overlaps a sibling: the overlap first, then size, usable addresses and the ASE size', () => {
  assert.equal(
    both('10.0.1.0/27'),
    [
      '**Subnet prefix** `10.0.1.0/27` of subnet `ase-subnet` in VNet `ase-vnet`',
      '',
      '**Overlap:** subnet `jumpbox` (`10.0.1.16/28`) of the same VNet shares addresses with it; Azure rejects overlapping subnets.',
      '',
      '- `10.0.1.0` – `10.0.1.31`: 32 addresses, 27 usable (Azure keeps the first four and the last address of every subnet)',
      '- Private address space (RFC 1918)',
      '- Tight for ASEv3 `my-ase`: a /27 is the smallest subnet ASEv3 accepts, but a /24 is recommended; the ASE may run out of addresses as it scales, and moving it to a larger subnet takes a support request (`ASE401`)',
      '- Room in a /27 for ASEv3 `my-ase`: about 25 instances (one address each, and one standby instance for every 20), or 13 running Windows container apps (one more address per app on every instance)',
      '- Inside the address space `10.0.0.0/16` of VNet `ase-vnet`',
    ].join('\n'),
  );
});

test('a VNet address space that another VNet overlaps, and the subnets it holds', () => {
  assert.equal(
    both('10.0.0.0/16'),
    [
      '**Address space** `10.0.0.0/16` of VNet `ase-vnet`',
      '',
      '**Overlap:** the address space `10.0.0.0/8` of VNet `hub-vnet` shares addresses with it; VNets whose address spaces overlap cannot be peered or connected.',
      '',
      '- `10.0.0.0` – `10.0.255.255`: 65,536 addresses',
      '- Private address space (RFC 1918)',
      '- Holds subnets `ase-subnet`, `jumpbox`, `firewall`',
    ].join('\n'),
  );
  assert.match(both('100.64.0.0/22'), /^- Shared address space \(100\.64\.0\.0\/10, meant for carrier-grade NAT\): neither RFC 1918 nor public$/m);
});

test('a public source prefix in an NSG rule, and a destination inside the ASE subnet', () => {
  assert.equal(
    both('52.10.0.0/16'),
    [
      '**Source address prefix** `52.10.0.0/16`',
      '',
      '- `52.10.0.0` – `52.10.255.255`: 65,536 addresses',
      '- Public address space',
      '- Outside every VNet of the analysed files',
    ].join('\n'),
  );
  assert.equal(
    both('10.0.1.0/28'),
    [
      '**Destination address prefix** `10.0.1.0/28`',
      '',
      '- `10.0.1.0` – `10.0.1.15`: 16 addresses',
      '- Private address space (RFC 1918)',
      '- Inside subnet `ase-subnet` (`10.0.1.0/27`) of VNet `ase-vnet`',
    ].join('\n'),
  );
});

test('routes: the prefix, the next hop address and a next hop on an address Azure keeps', () => {
  assert.equal(
    both('192.168.0.0/16'),
    ['**Route prefix** `192.168.0.0/16`', '', '- `192.168.0.0` – `192.168.255.255`: 65,536 addresses', '- Private address space (RFC 1918)', '- Outside every VNet of the analysed files'].join('\n'),
  );
  assert.equal(
    both('10.0.2.4'),
    ['**Next hop address** `10.0.2.4`', '', '- The single address `10.0.2.4`', '- Private address (RFC 1918)', '- Inside subnet `firewall` (`10.0.2.0/26`) of VNet `ase-vnet`'].join('\n'),
  );
  assert.match(both('10.0.2.3'), /^- One of the five addresses Azure keeps in that subnet: no appliance can have it$/m);
});

test('invalid text: one line', () => {
  assert.equal(
    both('10.0.300.0/24'),
    '**Subnet prefix** `10.0.300.0/24` of subnet `typo` in VNet `ase-vnet`: not a valid address prefix (an IP address, optionally with a /length).',
  );
});

test('values that are not literal text have no hover', () => {
  assert.equal(hoverOn(armAnalysis, `"[parameters('p')]"`, 3), null, 'an ARM expression');
  assert.equal(hoverOn(bicepAnalysis, '            p\n', 12), null, 'a Bicep parameter');
  assert.equal(hoverOn(bicepAnalysis, "'${p}'", 1), null, 'an interpolated Bicep string');
  assert.equal(hoverOn(bicepAnalysis, "'${p}'", 3), null, 'inside the interpolation');
});

test('a source inside the ASE subnet names only part of it; host bits; IPv6; a point-to-site pool; VNet Integration', () => {
  const text = aseTemplate({
    kind: 'ASEV2',
    subnetPrefix: '10.0.1.5/24',
    securityRules: [
      nsgRule('FromAse', { priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.1.0/25' }),
      nsgRule('FromV6', { priority: 110, direction: 'Inbound', access: 'Allow', source: '2001:db8::/64' }, true),
    ],
    extraResources: [
      vnetGateway('vpn-gw', 'Vpn', ['        "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "10.0.200.0/24" ] } },']),
    ],
  });
  const analysis = analysed(armUri, text);
  assert.match(
    hoverOn(analysis, '"10.0.1.0/25"', 2)!.markdown,
    /^- Inside subnet `ase-subnet` \(`10\.0\.1\.5\/24`\) of VNet `ase-vnet`; only part of it, and the instances of ASE `my-ase` may use any of its addresses \(`ASE801`\)$/m,
  );
  const subnet = hoverOn(analysis, '"10.0.1.5/24"', 2)!.markdown;
  assert.match(subnet, /^- Host bits are set: the block this names is `10\.0\.1\.0\/24`$/m);
  assert.match(subnet, /^- Large enough for ASEv2 `my-ase`: a \/25 or larger is recommended$/m);
  assert.equal(
    hoverOn(analysis, '"2001:db8::/64"', 2)!.markdown,
    ['**Source address prefix** `2001:db8::/64`', '', '- `2001:db8::` – `2001:db8::ffff:ffff:ffff:ffff`: 2^64 addresses', '- Public IPv6 addresses'].join('\n'),
  );
  assert.equal(
    hoverOn(analysis, '"10.0.200.0/24"', 2)!.markdown,
    [
      '**Point-to-site client pool** `10.0.200.0/24` of gateway `vpn-gw`',
      '',
      '**Overlap:** the address space `10.0.0.0/16` of VNet `ase-vnet` shares addresses with it; clients would be given addresses the VNet already uses.',
      '',
      '- `10.0.200.0` – `10.0.200.255`: 256 addresses',
      '- Private address space (RFC 1918)',
    ].join('\n'),
  );

  const integration = analysed(armUri, integrationTemplate({ subnetPrefix: '10.0.2.0/28' }));
  assert.match(
    hoverOn(integration, '"10.0.2.0/28"', 2)!.markdown,
    /^- Regional VNet Integration of app `orders`: room for 5 plan instances, as each takes one address and the addresses in use double while a plan scales; a \/26 is recommended \(`ASE702`\)$/m,
  );
});
