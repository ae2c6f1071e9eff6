import { z } from 'zod';
import { pageQuery } from './pagination';

export const ADMIN_ROLES = ['platform_admin', 'tenant_admin', 'auditor'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const loginSchema = z
  .object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(1024) })
  .strict();
export type LoginRequest = z.infer<typeof loginSchema>;

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
}

const password = z.string().min(12, 'at least 12 characters').max(1024);

export const adminUserCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    password,
    role: z.enum(ADMIN_ROLES),
    /**
     * the tenants a tenant admin manages or an auditor reads; an admin with none reaches nothing
     * (an empty list never means "every tenant")
     */
    tenantIds: z.array(z.string().uuid()).max(1000).default([]),
    /** a platform-wide auditor reads every tenant (tenantIds must then be empty); platform admins always do */
    allTenants: z.boolean().optional(),
  })
  .strict();
export type AdminUserCreate = z.infer<typeof adminUserCreateSchema>;

export const adminUserUpdateSchema = z
  .object({
    password: password.optional(),
    role: z.enum(ADMIN_ROLES).optional(),
    tenantIds: z.array(z.string().uuid()).max(1000).optional(),
    allTenants: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type AdminUserUpdate = z.infer<typeof adminUserUpdateSchema>;

export const adminUserListQuery = pageQuery.extend({ q: z.string().trim().max(200).optional() });

export interface AdminUserView {
  id: string;
  email: string;
  role: AdminRole;
  tenantIds: string[];
  /** reads or manages every tenant: platform admins, and auditors made platform-wide explicitly */
  allTenants: boolean;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface MeView {
  id: string;
  email: string;
  role: AdminRole;
  /** 'all' for platform admins and platform auditors */
  tenantIds: string[] | 'all';
}
