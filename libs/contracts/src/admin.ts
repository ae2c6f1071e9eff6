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
  /**
   * the admin signs in with a password another admin set: every admin route but this session's
   * own (me, logout, password) answers 403 password_change_required until it is changed
   */
  passwordChangeRequired: boolean;
}

const password = z.string().min(12, 'at least 12 characters').max(1024);

/** An admin changes its own password: the current one proves it is them, the new one differs. */
export const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: password })
  .strict();
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

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
  /** the same tenants with their names (null: deleted since) */
  tenants: { id: string; name: string | null }[];
  /** reads or manages every tenant: platform admins, and auditors made platform-wide explicitly */
  allTenants: boolean;
  disabled: boolean;
  /** signs in with a password another admin set, and must choose its own first */
  passwordChangeRequired: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface MeView {
  id: string;
  email: string;
  role: AdminRole;
  /** 'all' for platform admins and platform auditors */
  tenantIds: string[] | 'all';
  /** must set its own password before anything else (set by another admin) */
  passwordChangeRequired: boolean;
}
