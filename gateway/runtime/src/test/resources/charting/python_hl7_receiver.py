"""A second, independent interface engine for the tests: python-hl7's MLLP server (Debian's
python3-hl7). Every message it receives is parsed by python-hl7, answered AA (create_ack), and
written as one JSON line of the fields the gateway claims (MSH-10, MSH-21, PID-3, OBX-3/6/11/14/18)
to the file named on the command line. It prints "listening <port>" once it takes connections.

usage: python_hl7_receiver.py OUTPUT_FILE
"""
import asyncio
import json
import sys

import hl7
import hl7.mllp


def fields(message):
    obx = []
    for segment in message.segments("OBX"):
        obx.append({
            "id": str(segment[3]),
            "subId": str(segment[4]),
            "unit": str(segment[6]),
            "status": str(segment[11]),
            "time": str(segment[14]),
            "equipment": str(segment[18]),
        })
    return {
        "controlId": str(message.extract_field("MSH", 1, 10)),
        "profile": str(message.extract_field("MSH", 1, 21, 1, 1)),
        "patientId": str(message.extract_field("PID", 1, 3, 1, 1)),
        "obx": obx,
    }


async def main(output):
    async def client(reader, writer):
        while True:
            try:
                message = await reader.readmessage()
            except asyncio.IncompleteReadError:
                return
            with open(output, "a", encoding="utf-8") as out:
                out.write(json.dumps(fields(message)) + "\n")
            writer.writemessage(message.create_ack())
            await writer.drain()

    server = await hl7.mllp.start_hl7_server(client, host="127.0.0.1", port=0, encoding="utf-8")
    port = server.sockets[0].getsockname()[1]
    print("listening", port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
