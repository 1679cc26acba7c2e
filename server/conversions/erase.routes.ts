// Admin API: erase a person — their conversions and every stored body that mentions their email.
import { Router } from 'express';
import { z } from 'zod';
import type { EraseReply } from '../../shared/deliveries.ts';
import type { Storage } from '../storage/storage.ts';
import { validateInput } from '../validate.ts';

const eraseInput = z.object({ email: z.string().trim().toLowerCase().email().max(320) }).strict();

export function createEraseRouter(storage: Storage): Router {
  const router = Router();
  router.post('/erase', async (req, res) => {
    const { email } = validateInput(eraseInput, req.body);
    const reply: EraseReply = { email, erased: await storage.deliveries.erasePerson(email) };
    res.json(reply);
  });
  return router;
}
