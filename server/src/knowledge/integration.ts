/**
 * What VNet Integration needs through the integration subnet's NSG, as data (the ASE port
 * tables are in ports.ts).
 */

/**
 * An app whose content share is reached through the VNet (`vnetContentShareEnabled`,
 * `outboundVnetRouting.contentShareTraffic`, the app setting `WEBSITE_CONTENTOVERVNET`)
 * mounts its Azure Files share from the integration subnet: SMB on TCP 445, and HTTPS on
 * TCP 443 for the storage account's API.
 */
export const contentShareStorage = {
  protocol: 'Tcp',
  destination: 'Storage',
  ports: ['443', '445'],
} as const;
